// Accounts (administrators and auditors): each account's roles and authorization, its scopes,
// its tokens (never a secret: the API shows a token once, when it is made) and its client
// certificate identities, and its allowlist.

import {get} from './api.js';
import {badge, card, h, table, when} from './dom.js';

function scope(s) {
  return s.type + ':' + s.value + (s.subdomains ? ' (and below)' : '') + (s.wildcard ? ' (wildcards)' : '');
}

export async function accountsPage() {
  const {accounts} = await get('/api/v1/accounts');
  return [h('div', {class: 'page-head'}, h('h1', {}, 'Accounts')),
    card('All accounts', table(['name', 'roles', 'enabled', 'profiles', 'scopes', 'max validity', 'created'], accounts.map(a => [
      h('a', {href: '#/accounts/' + encodeURIComponent(a.name)}, a.name), a.roles.join(', '), badge(a.enabled ? 'enabled' : 'disabled'),
      a.profiles.join(', ') || '—', a.scopes.length ? a.scopes.map(scope).join('; ') : '—',
      a.max_validity_hours ? a.max_validity_hours + ' h' : '—', when(a.created_at)]), {testid: 'accounts'}))];
}

export async function accountPage(ctx, name) {
  const path = '/api/v1/accounts/' + encodeURIComponent(name);
  const [account, tokens, identities, allowlist] = await Promise.all([get(path), get(path + '/tokens'), get(path + '/client-identities'),
    get(path + '/allowlist')]);
  return [
    h('div', {class: 'page-head'}, h('h1', {}, 'Account ', h('span', {id: 'account-name'}, account.name)),
      badge(account.enabled ? 'enabled' : 'disabled'), h('a', {href: '#/accounts', class: 'back'}, '← all accounts')),
    h('div', {class: 'columns'},
      card('Authorization', h('dl', {class: 'facts'},
        h('dt', {}, 'roles'), h('dd', {}, account.roles.join(', ')),
        h('dt', {}, 'profiles'), h('dd', {}, account.profiles.join(', ') || '—'),
        h('dt', {}, 'regions'), h('dd', {}, account.regions.join(', ') || '—'),
        h('dt', {}, 'max validity'), h('dd', {}, account.max_validity_hours ? account.max_validity_hours + ' hours' : 'no limit'),
        h('dt', {}, 'allowlist'), h('dd', {}, allowlist.networks.length ? allowlist.networks.join(', ') : 'anywhere'),
        h('dt', {}, 'updated'), h('dd', {}, when(account.updated_at)))),
      card('Scopes', table(['type', 'value', 'subdomains', 'wildcards'], account.scopes.map(s => [s.type, h('span', {class: 'mono'}, s.value),
        s.subdomains ? 'yes' : 'no', s.wildcard ? 'yes' : 'no']), {empty: 'no scopes: may be issued nothing'}))),
    card('Tokens', table(['id', 'name', 'status', 'created', 'expires', 'revoked'], tokens.tokens.map(t => [String(t.id), t.name, badge(t.status),
      when(t.created_at), when(t.expires_at), when(t.revoked_at)]), {testid: 'tokens', empty: 'no tokens'})),
    card('Client certificate identities', table(['id', 'identifier', 'bound', 'by', 'removed'], identities.identities.map(i => [String(i.id),
      h('span', {class: 'mono'}, i.identifier), when(i.created_at), i.created_by, when(i.removed_at)]), {testid: 'identities', empty: 'none bound'})),
  ];
}
