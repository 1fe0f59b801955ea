// Certificates: a search (name, serial, status, issuer, expiry window) and one certificate's
// detail: its fields, the chain up to the root, its SCTs, what this CA's OCSP responder says
// about it now, its audit events (for the roles that may read the audit trail) and, for
// officers and administrators, revocation with a reason (answered 202 when it needs approval).

import {bytes, call, get, post} from './api.js';
import {badge, card, field, h, notice, replace, table, when} from './dom.js';
import {certificate, hex, ocspRequest, ocspResponse, pemBlocks} from './der.js';

const REASONS = ['unspecified', 'keyCompromise', 'affiliationChanged', 'superseded', 'cessationOfOperation', 'certificateHold',
  'privilegeWithdrawn'];

let lastQuery = {};

function input(name, attributes = {}) {
  return h('input', {name, id: 'search-' + name, value: lastQuery[name] || '', ...attributes});
}

function select(name, options) {
  const s = h('select', {name, id: 'search-' + name}, options.map(([v, t]) => h('option', {value: v}, t)));
  s.value = lastQuery[name] || '';
  return s;
}

function serialLink(serial) {
  return h('a', {href: '#/certificates/' + serial, class: 'mono'}, serial);
}

async function search(query, results) {
  const serial = (query.serial || '').trim().toLowerCase().replace(/[:\s]/g, '');
  if (serial) {
    location.hash = '#/certificates/' + serial;
    return;
  }
  const params = new URLSearchParams();
  if (query.name) params.set('san', query.name.trim());
  for (const key of ['status', 'issuer']) if (query[key]) params.set(key, query[key]);
  if (query.expires_after) params.set('expires_after', new Date(query.expires_after).toISOString());
  if (query.expires_before) params.set('expires_before', new Date(query.expires_before).toISOString());
  params.set('limit', '50');
  await loadPage(params, results, false);
}

async function loadPage(params, results, append) {
  const page = await get('/api/v1/ca/certificates?' + params);
  const rows = page.items.map(c => [serialLink(c.serial_number), c.names.join(', ') || c.subject, badge(c.status), c.issuer, c.profile,
    when(c.not_after)]);
  const grid = table(['serial', 'names', 'status', 'issuer', 'profile', 'not after'], rows, {testid: 'certificates', empty: 'no certificate matches'});
  const more = page.next_page_token ? h('button', {id: 'more', onclick: () => {
    params.set('page_token', page.next_page_token);
    loadPage(params, results, true).catch(e => results.appendChild(notice('error', e.message)));
  }}, 'Next page') : null;
  if (append) {
    const body = results.querySelector('tbody');
    grid.querySelectorAll('tbody tr').forEach(tr => body.appendChild(tr));
    results.querySelector('#more')?.remove();
    if (more) results.appendChild(more);
  } else {
    replace(results, grid, more);
  }
}

export async function certificatesPage() {
  const authorities = await get('/api/v1/ca/authorities');
  const results = h('div', {id: 'results'});
  const form = h('form', {class: 'filters', id: 'certificate-search', onsubmit: e => {
    e.preventDefault();
    lastQuery = Object.fromEntries(new FormData(form).entries());
    search(lastQuery, results).catch(err => replace(results, notice('error', err.message)));
  }},
    field('Name (SAN)', input('name', {placeholder: 'www.hypermesh.online', size: 28})),
    field('Serial', input('serial', {placeholder: 'hex', size: 20})),
    field('Status', select('status', [['', 'any'], ['valid', 'valid'], ['revoked', 'revoked'], ['expired', 'expired']])),
    field('Issuer', select('issuer', [['', 'any'], ...authorities.filter(a => a.parent).map(a => [a.id, a.id])])),
    field('Expires after', input('expires_after', {type: 'date'})),
    field('Expires before', input('expires_before', {type: 'date'})),
    h('button', {type: 'submit', class: 'primary', id: 'search'}, 'Search'));
  search(lastQuery, results).catch(err => replace(results, notice('error', err.message)));
  return [h('div', {class: 'page-head'}, h('h1', {}, 'Certificates')), card('Search', form), card('Results', results)];
}

function definition(rows) {
  return h('dl', {class: 'facts'}, rows.filter(r => r[1] !== null && r[1] !== undefined && r[1] !== '')
    .map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

/** The chain from the leaf to the root, as this CA's published authority certificates. */
async function chain(details, authorities) {
  const rows = [[details.subject || details.names.join(', '), 'leaf', details.serial_number]];
  let id = details.issuer;
  const seen = new Set();
  while (id && !seen.has(id)) {
    seen.add(id);
    const authority = authorities.find(a => a.id === id);
    if (!authority) {
      rows.push([id, 'external CA', '']);
      break;
    }
    rows.push([authority.subject, authority.parent ? 'intermediate ' + authority.id : 'root ' + authority.id, authority.serial_number]);
    id = authority.parent;
  }
  return table(['subject', 'role', 'serial'], rows.map(r => [r[0], r[1], h('span', {class: 'mono'}, r[2])]), {testid: 'chain'});
}

async function ocsp(details, target) {
  try {
    const leaf = pemBlocks(details.certificate || details.precertificate)[0];
    const issuer = await bytes('GET', '/ca/' + encodeURIComponent(details.issuer) + '.cer');
    const answer = ocspResponse(await bytes('POST', '/ocsp', await ocspRequest(leaf, issuer), 'application/ocsp-request'));
    replace(target, h('div', {id: 'ocsp-status'}, 'OCSP says ', badge(answer.status),
      answer.status === 'revoked' ? [' since ', when(answer.revokedAt), answer.reason ? ' (' + answer.reason + ')' : ''] : null,
      h('span', {class: 'muted'}, ' — response produced ', when(answer.producedAt))),
      h('button', {class: 'link', onclick: () => ocsp(details, target)}, 'ask again'));
  } catch (e) {
    replace(target, notice('error', 'OCSP: ' + e.message));
  }
}

async function auditEvents(serial) {
  const page = await get('/api/v1/audit?limit=1000&object=' + encodeURIComponent(serial));
  return table(['seq', 'when', 'actor', 'action', 'details'], page.events.map(e => [e.seq === null ? 'pending' : String(e.seq), when(e.occurred_at),
    e.actor, e.action, Object.entries(e.details).map(([k, v]) => k + '=' + v).join(' ')]), {testid: 'certificate-audit', empty: 'no events'});
}

function revokeForm(ctx, details, status) {
  const reason = h('select', {id: 'revoke-reason', name: 'reason'}, REASONS.map(r => h('option', {value: r}, r)));
  return h('form', {id: 'revoke', class: 'inline', onsubmit: async e => {
    e.preventDefault();
    if (!confirm('Revoke ' + details.serial_number + ' (' + reason.value + ')? This cannot be undone.')) return;
    try {
      const answer = await call('POST', '/api/v1/ca/certificates/' + details.serial_number + '/revoke', {reason: reason.value}, {full: true});
      if (answer.status === 202) {
        replace(status, notice('info', 'The revocation waits for a second officer\'s approval: approval ' + answer.data.id + '. '),
          h('a', {href: '#/approvals', id: 'to-approvals'}, 'See approvals'));
      } else {
        replace(status, notice('ok', 'Revoked.'));
        setTimeout(() => window.dispatchEvent(new HashChangeEvent('hashchange')), 800);
      }
    } catch (err) {
      replace(status, notice('error', err.message));
    }
  }}, field('Reason', reason), h('button', {type: 'submit', class: 'danger', id: 'revoke-button'}, 'Revoke'));
}

export async function certificatePage(ctx, serial) {
  const [details, authorities] = await Promise.all([get('/api/v1/ca/certificates/' + encodeURIComponent(serial)), get('/api/v1/ca/authorities')]);
  const pem = details.certificate || details.precertificate;
  let scts = [];
  try {
    scts = certificate(pemBlocks(pem)[0]).scts;
  } catch (e) {
    scts = [];
  }
  const ocspTarget = h('div', {}, h('span', {class: 'muted'}, 'asking the OCSP responder…'));
  ocsp(details, ocspTarget);
  const revokeStatus = h('div', {id: 'revoke-status'});
  const sections = [
    h('div', {class: 'page-head'}, h('h1', {}, 'Certificate ', h('span', {class: 'mono', id: 'serial'}, details.serial_number)), badge(details.status),
      h('a', {href: '#/certificates', class: 'back'}, '← all certificates')),
    h('div', {class: 'columns'},
      card('Certificate', definition([['subject', details.subject], ['names', details.names.join(', ')], ['profile', details.profile],
        ['issuer', details.issuer], ['not before', when(details.not_before)], ['not after', when(details.not_after)],
        ['status', badge(details.status)], ['revoked at', details.revoked_at ? when(details.revoked_at) : null],
        ['reason', details.revocation_reason], ['stage', details.stage], ['replaces', details.replaces ? h('a', {href: '#/certificates/' + details.replaces}, details.replaces) : null],
        ['renewed by', details.renewed_by ? h('a', {href: '#/certificates/' + details.renewed_by}, details.renewed_by) : null],
        ['delegated to', details.delegated_to]])),
      card('OCSP', ocspTarget,
        ctx.can('revoke') && details.status === 'valid' ? [h('h3', {}, 'Revoke'), revokeForm(ctx, details, revokeStatus), revokeStatus] : null)),
    card('Chain', await chain(details, authorities)),
    card('Signed certificate timestamps', table(['version', 'log id', 'timestamp'], scts.map(s => ['v' + s.version, h('span', {class: 'mono'}, s.logId),
      when(s.timestamp)]), {testid: 'scts', empty: 'no embedded SCT'})),
  ];
  if (ctx.can('audit')) sections.push(card('Audit events', await auditEvents(details.serial_number)));
  sections.push(h('details', {}, h('summary', {}, 'PEM'), h('pre', {class: 'pem'}, pem)));
  return sections;
}
