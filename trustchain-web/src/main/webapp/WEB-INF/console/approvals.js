// Four-eyes approvals: requests for actions that need a second officer, by status. Officers and
// administrators approve or refuse (with a reason) what someone else requested; the server
// refuses an approval by the requester (403) and a decision on a settled request (409).

import {call, get} from './api.js';
import {badge, card, field, h, notice, replace, table, when} from './dom.js';

const STATUSES = ['pending', 'approved', 'refused', 'failed', 'all'];
let shown = 'pending';

function decide(ctx, approval, status, reload) {
  if (!ctx.can('approve') || approval.status !== 'pending') return null;
  if (approval.requested_by === ctx.session.account) return h('span', {class: 'muted'}, 'yours: another officer decides');
  const reason = h('input', {name: 'reason', placeholder: 'reason to refuse', size: 18, id: 'refuse-reason-' + approval.id});
  const act = async (what, body) => {
    try {
      await call('POST', '/api/v1/approvals/' + encodeURIComponent(approval.id) + '/' + what, body);
      replace(status, notice('ok', 'Approval ' + approval.id + ' ' + (what === 'approve' ? 'approved' : 'refused') + '.'));
      await reload();
    } catch (e) {
      replace(status, notice('error', e.message));
    }
  };
  return h('div', {class: 'inline'},
    h('button', {class: 'primary', 'data-approve': approval.id, onclick: () => act('approve')}, 'Approve'),
    reason,
    h('button', {class: 'danger', 'data-refuse': approval.id, onclick: () => {
      if (!reason.value.trim()) {
        replace(status, notice('error', 'Give a reason to refuse.'));
        return;
      }
      act('refuse', {reason: reason.value.trim()});
    }}, 'Refuse'));
}

function summary(a) {
  const request = a.request ? Object.entries(a.request).map(([k, v]) => k + '=' + (typeof v === 'object' ? JSON.stringify(v) : v)).join(' ') : '';
  return h('div', {}, h('div', {}, a.summary || a.action), request ? h('div', {class: 'muted mono small'}, request) : null,
    a.reason ? h('div', {class: 'muted'}, 'reason: ' + a.reason) : null);
}

export async function approvalsPage(ctx) {
  const list = h('div', {id: 'approval-list'});
  const status = h('div', {id: 'approval-status'});
  const tabs = h('div', {class: 'tabs'});
  async function reload() {
    replace(tabs, STATUSES.map(s => h('button', {class: s === shown ? 'tab active' : 'tab', 'data-status': s,
      onclick: () => { shown = s; reload().catch(e => replace(list, notice('error', e.message))); }}, s)));
    const {approvals} = await get('/api/v1/approvals?status=' + shown);
    replace(list, table(['id', 'action', 'request', 'status', 'requested', 'decided', ''], approvals.map(a => [
      h('span', {class: 'mono'}, String(a.id)), a.action, summary(a), badge(a.status),
      h('div', {}, a.requested_by, h('div', {class: 'muted'}, when(a.requested_at))),
      a.decided_by ? h('div', {}, a.decided_by, h('div', {class: 'muted'}, when(a.decided_at))) : '—',
      decide(ctx, a, status, reload)]), {testid: 'approvals', empty: 'no ' + (shown === 'all' ? '' : shown + ' ') + 'approvals'}));
  }
  try {
    await reload();
  } catch (e) {
    replace(list, notice('error', e.status === 404 ? 'This server has no approvals API.' : e.message));
  }
  return [h('div', {class: 'page-head'}, h('h1', {}, 'Approvals')), tabs, status, card('Requests', list)];
}
