// The overview: this node's meters, as Prometheus scrapes them, read every 10 seconds; rates are
// the counters' differences between two reads.

import {get} from './api.js';
import {badge, card, h, replace, table, when} from './dom.js';

const DAY = 86400e3;
let previous = null;

function rate(now, before, key) {
  if (!before) return 'measuring…';
  const seconds = (Date.parse(now.read_at) - Date.parse(before.read_at)) / 1000;
  if (seconds <= 0) return 'measuring…';
  return (Math.max(0, now[key] - before[key]) * 60 / seconds).toFixed(1) + ' / min';
}

function metric(label, value, sub, testid) {
  return h('div', {class: 'metric', 'data-testid': testid}, h('div', {class: 'metric-value'}, value), h('div', {class: 'metric-label'}, label),
    sub ? h('div', {class: 'metric-sub'}, sub) : null);
}

/** Days left, flagged when fewer than warnDays: CA certificates live years, OCSP responder certificates days. */
function daysLeft(notAfter, warnDays) {
  const days = Math.floor((Date.parse(notAfter) - Date.now()) / DAY);
  return h('span', {class: days < warnDays ? 'warn' : null}, days + ' days');
}

function render(o, before) {
  const refusals = Object.entries(o.refusals);
  const refusedTotal = refusals.reduce((n, [, v]) => n + v, 0);
  const witnesses = o.witnesses.map(w => [w.name, w.cosigned_size < 0 ? 'none yet' : String(w.cosigned_size), when(w.cosigned_at),
    w.split_view ? badge('split view') : badge('consistent')]);
  const expiring = [...o.authorities.map(a => ({...a, warn: 30})), ...o.ocsp_responders.map(r => ({...r, role: 'OCSP responder', status: '—', warn: 1}))]
    .sort((a, b) => Date.parse(a.not_after) - Date.parse(b.not_after))
    .map(e => [e.issuer, e.role, e.status, when(e.not_after), daysLeft(e.not_after, e.warn)]);
  return [
    h('div', {class: 'page-head'}, h('h1', {}, 'Overview'),
      h('span', {class: 'muted'}, 'this node, read ', when(o.read_at), '; counters since the node started')),
    h('div', {class: 'metrics'},
      metric('certificates issued', String(o.issued), rate(o, before, 'issued'), 'issued'),
      metric('issuance', o.issuance_enabled ? 'on' : 'OFF', o.issuance_enabled ? 'emergency switch open' : 'switched off by emergency', 'issuance'),
      metric('refusals', String(refusedTotal), refusals.length + ' reasons', 'refusals'),
      metric('revocations', String(o.revocations), rate(o, before, 'revocations'), 'revocations'),
      metric('CT tree size', String(o.ct_tree_size), o.ct_confirmed_size < 0 ? 'no witnesses' : 'witness-confirmed ' + o.ct_confirmed_size, 'ct'),
      metric('DNS queries', String(o.dns_queries), rate(o, before, 'dns_queries'), 'dns')),
    h('div', {class: 'columns'},
      card('Refusals by reason', table(['reason', 'count'], refusals.map(([r, n]) => [r, String(n)]), {empty: 'no refusals'})),
      card('CT witnesses', table(['witness', 'cosigned size', 'cosigned at', 'state'], witnesses, {empty: 'no witnesses configured'}))),
    card('Expiring CAs and OCSP responders', table(['issuer', 'role', 'status', 'not after', 'left'], expiring, {testid: 'expiring'})),
  ];
}

export async function overviewPage(ctx) {
  const first = await get('/api/v1/overview');
  const container = h('div', {id: 'overview'}, render(first, previous));
  previous = first;
  const timer = setInterval(async () => {
    try {
      const next = await get('/api/v1/overview');
      replace(container, render(next, previous));
      previous = next;
    } catch (e) {
      if (e.status === 401) ctx.signedOut();
    }
  }, 10000);
  ctx.onStop(() => clearInterval(timer));
  return container;
}
