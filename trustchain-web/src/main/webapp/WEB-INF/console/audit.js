// The audit trail (auditors and administrators): events filtered by action, actor and time, page
// by page; the compliance export of a time range, downloaded and verified right here in the
// browser (the hash chain recomputed, every checkpoint's signature checked with WebCrypto).

import {call, get} from './api.js';
import {card, field, h, notice, replace, table, when} from './dom.js';
import {verifyBundle} from './audit-verify.js';

function localInput(name, value) {
  return h('input', {type: 'datetime-local', name, id: 'audit-' + name, value});
}

function iso(local) {
  return local ? new Date(local).toISOString() : '';
}

function localValue(date) {
  const pad = n => String(n).padStart(2, '0');
  return date.getFullYear() + '-' + pad(date.getMonth() + 1) + '-' + pad(date.getDate()) + 'T' + pad(date.getHours()) + ':' + pad(date.getMinutes());
}

function rows(events) {
  return events.map(e => [e.seq === null ? 'pending' : String(e.seq), when(e.occurred_at), e.actor, h('span', {class: 'mono nowrap'}, e.action),
    e.object_type + (e.object_id ? ' ' + e.object_id : ''),
    h('span', {class: 'small'}, Object.entries(e.details).map(([k, v]) => k + '=' + v).join(' '))]);
}

export async function auditPage() {
  const results = h('div', {id: 'audit-results'});
  const exportStatus = h('div', {id: 'export-status'});
  let after = 0;
  let filter = new URLSearchParams();
  async function load(append) {
    const params = new URLSearchParams(filter);
    params.set('limit', '200');
    if (append) params.set('after', String(after));
    const page = await get('/api/v1/audit?' + params);
    if (page.events.length) after = page.events[page.events.length - 1].id;
    const grid = table(['seq', 'when', 'actor', 'action', 'object', 'details'], rows(page.events), {testid: 'audit', empty: 'no events'});
    const more = page.events.length === 200 ? h('button', {id: 'audit-more', onclick: () => load(true)}, 'Next page') : null;
    if (append) {
      const body = results.querySelector('tbody');
      grid.querySelectorAll('tbody tr').forEach(tr => body.appendChild(tr));
      results.querySelector('#audit-more')?.remove();
      if (more) results.appendChild(more);
    } else {
      replace(results, h('p', {class: 'muted'}, page.unchained ? page.unchained + ' events wait to be chained' : 'every event is chained'),
        grid, more);
    }
  }
  const form = h('form', {class: 'filters', id: 'audit-filter', onsubmit: e => {
    e.preventDefault();
    const data = new FormData(form);
    filter = new URLSearchParams();
    for (const key of ['action', 'actor']) if (data.get(key)) filter.set(key, data.get(key).trim());
    for (const key of ['from', 'to']) if (data.get(key)) filter.set(key, iso(data.get(key)));
    after = 0;
    load(false).catch(err => replace(results, notice('error', err.message)));
  }},
    field('Action', h('input', {name: 'action', id: 'audit-action', placeholder: 'certificate.revoked', size: 22})),
    field('Actor', h('input', {name: 'actor', id: 'audit-actor', placeholder: 'account', size: 14})),
    field('From', localInput('from', '')), field('To', localInput('to', '')),
    h('button', {type: 'submit', class: 'primary', id: 'audit-apply'}, 'Filter'));
  const from = localInput('export-from', localValue(new Date(Date.now() - 86400e3)));
  const to = localInput('export-to', localValue(new Date(Date.now() + 60e3)));
  const exporter = h('form', {class: 'filters', id: 'audit-export', onsubmit: async e => {
    e.preventDefault();
    replace(exportStatus, h('span', {class: 'muted'}, 'exporting…'));
    try {
      const bundle = await call('GET', '/api/v1/audit/export?from=' + encodeURIComponent(iso(from.value)) + '&to=' + encodeURIComponent(iso(to.value)),
        undefined, {accept: 'text/plain'});
      const result = await verifyBundle(bundle);
      const url = URL.createObjectURL(new Blob([bundle], {type: 'text/plain'}));
      replace(exportStatus, notice(result.ok ? 'ok' : 'error', result.ok
        ? 'Chain verified in this browser: ' + result.events + ' events (positions ' + result.firstSeq + '–' + result.lastSeq + '), '
          + result.checkpoints + ' signed checkpoints.'
        : 'Verification FAILED: ' + result.reason),
      h('a', {href: url, download: 'audit-' + iso(from.value).substring(0, 10) + '.bundle', id: 'export-download'}, 'Download the bundle'),
      h('span', {class: 'muted'}, ' (offline too: java -jar witness/target/trustchain-witness.jar verify-audit <file> --key audit-key.pem)'));
    } catch (err) {
      replace(exportStatus, notice('error', err.message));
    }
  }}, field('From', from), field('To', to), h('button', {type: 'submit', id: 'audit-verify'}, 'Export and verify the chain'));
  await load(false);
  return [h('div', {class: 'page-head'}, h('h1', {}, 'Audit trail')), card('Filter', form), card('Export', exporter, exportStatus),
    card('Events', results)];
}
