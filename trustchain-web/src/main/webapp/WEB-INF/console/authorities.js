// The CA hierarchy: the root and its intermediates as a tree, with status and validity; each
// issuer's latest CRLs and its OCSP responder certificate (from the overview's meters); key
// rollover for administrators.

import {call, get} from './api.js';
import {badge, card, h, notice, replace, table, when} from './dom.js';

function tree(authorities) {
  const byParent = new Map();
  for (const a of authorities) {
    const key = a.parent || '';
    if (!byParent.has(key)) byParent.set(key, []);
    byParent.get(key).push(a);
  }
  const rows = [];
  const walk = (parent, depth) => {
    for (const a of (byParent.get(parent) || []).sort((x, y) => x.id.localeCompare(y.id))) {
      rows.push({a, depth});
      walk(a.id, depth + 1);
    }
  };
  walk('', 0);
  // Authorities whose parent is not listed (an enterprise CA's, a retired root) still show.
  for (const a of authorities) if (!rows.some(r => r.a === a)) rows.push({a, depth: 0});
  return rows;
}

export async function authoritiesPage(ctx) {
  const [authorities, overview] = await Promise.all([get('/api/v1/ca/authorities'), get('/api/v1/overview')]);
  const status = h('div', {id: 'authority-status'});
  const rollover = a => !ctx.can('rollover') || a.status !== 'active' ? null : h('button', {'data-rollover': a.id, onclick: async () => {
    if (!confirm('Roll over the key of ' + a.id + '? A new key and certificate take over issuance.')) return;
    try {
      const result = await call('POST', '/api/v1/ca/authorities/' + encodeURIComponent(a.id) + '/rollover');
      replace(status, notice('ok', 'Rolled over: ' + JSON.stringify(result)));
    } catch (e) {
      replace(status, notice('error', e.message));
    }
  }}, 'Roll over');
  const rows = tree(authorities).map(({a, depth}) => [
    h('span', {class: 'tree', style: null, 'data-depth': String(Math.min(depth, 4))}, a.id), a.subject, a.region || '—', a.key_algorithm,
    badge(a.status), when(a.not_before), when(a.not_after),
    a.issuance_stopped_at ? h('span', {}, 'stopped ', when(a.issuance_stopped_at), ' by ' + a.issuance_stopped_by) : 'issuing',
    h('a', {href: '/ca/' + encodeURIComponent(a.id) + '.cer', download: a.id + '.cer'}, 'certificate'), rollover(a)]);
  const now = Date.now();
  const crls = overview.crls.map(c => [c.issuer, c.kind, when(c.this_update), when(c.next_update),
    c.next_update && Date.parse(c.next_update) < now ? badge('stale') : badge('current'),
    h('a', {href: '/crl/' + encodeURIComponent(c.issuer) + (c.kind === 'delta' ? '-delta' : '') + '.crl'}, 'download')]);
  const responders = overview.ocsp_responders.map(r => [r.issuer, when(r.not_after),
    Math.floor((Date.parse(r.not_after) - now) / 86400e3) + ' days']);
  return [
    h('div', {class: 'page-head'}, h('h1', {}, 'CA hierarchy')), status,
    card('Authorities', table(['id', 'subject', 'region', 'key', 'status', 'not before', 'not after', 'issuance', '', ''], rows,
      {testid: 'authorities'})),
    h('div', {class: 'columns'},
      card('CRLs', table(['issuer', 'kind', 'this update', 'next update', 'state', ''], crls, {testid: 'crls', empty: 'no CRL published yet'})),
      card('OCSP responders', table(['issuer', 'responder not after', 'left'], responders, {testid: 'responders', empty: 'no responder yet'}))),
  ];
}
