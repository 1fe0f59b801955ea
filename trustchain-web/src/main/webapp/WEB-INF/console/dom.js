// Building the page from data without markup: every text goes in through textContent (never
// innerHTML), every attribute through setAttribute, so nothing a certificate, an account name or
// an audit detail contains can become HTML or script.

/** An element: h('td', {class: 'num'}, 'text', childElement, ...). Children may be strings, nodes, arrays or null. */
export function h(tag, attributes, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.substring(2), value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) {
      append(element, child);
    } else if (child instanceof Node) {
      element.appendChild(child);
    } else {
      element.appendChild(document.createTextNode(String(child)));
    }
  }
}

/** Replaces a node's children. */
export function replace(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

/** A table with a header row; rows is an array of arrays of cells (strings or nodes). */
export function table(headers, rows, options = {}) {
  return h('table', {class: options.class || 'grid', 'data-testid': options.testid},
    h('thead', {}, h('tr', {}, headers.map(t => h('th', {}, t)))),
    h('tbody', {}, rows.length === 0
      ? h('tr', {}, h('td', {colspan: headers.length, class: 'muted'}, options.empty || 'nothing to show'))
      : rows.map(row => h('tr', row.attributes || {}, (row.cells || row).map(cell => h('td', {}, cell))))));
}

/** A status word as a coloured badge: valid/good/pending/revoked/... */
export function badge(text) {
  return h('span', {class: 'badge badge-' + String(text).toLowerCase().replace(/[^a-z]/g, '')}, text);
}

/** An instant as "2026-12-07 14:05 UTC" (and the full value on hover). */
export function when(instant) {
  if (!instant) return '—';
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return String(instant);
  return h('time', {datetime: instant, title: instant}, d.toISOString().replace('T', ' ').substring(0, 16) + ' UTC');
}

/** A message box: kind is 'error', 'ok' or 'info'. */
export function notice(kind, text) {
  return h('div', {class: 'notice notice-' + kind, role: kind === 'error' ? 'alert' : 'status'}, text);
}

/** A labelled form field. */
export function field(label, input) {
  return h('label', {class: 'field'}, h('span', {}, label), input);
}

/** A card with a title and content. */
export function card(title, ...content) {
  return h('section', {class: 'card'}, h('h2', {}, title), ...content);
}
