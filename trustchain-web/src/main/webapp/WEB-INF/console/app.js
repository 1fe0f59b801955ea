// The console's shell: who is signed in, the navigation their roles allow, and a router over the
// URL's fragment (#/certificates/...), so the server serves one page and the back button works.
// The server enforces every role; hiding what a role cannot do only keeps the pages honest.

import {currentSession, signIn, signOut} from './api.js';
import {field, h, notice, replace} from './dom.js';
import {overviewPage} from './overview.js';
import {certificatesPage, certificatePage} from './certificates.js';
import {accountsPage, accountPage} from './accounts.js';
import {approvalsPage} from './approvals.js';
import {authoritiesPage} from './authorities.js';
import {auditPage} from './audit.js';

/** What each role may see and do; the API's @RolesAllowed are the same sets. */
export function can(session, what) {
  const roles = new Set(session.roles);
  const any = (...r) => r.some(x => roles.has(x));
  switch (what) {
    case 'revoke': return any('admin', 'officer');
    case 'approve': return any('admin', 'officer');
    case 'rollover': return any('admin');
    case 'accounts': return any('admin', 'auditor');
    case 'audit': return any('admin', 'auditor');
    default: return any('admin', 'officer', 'auditor');
  }
}

const PAGES = [
  {path: 'overview', title: 'Overview', need: 'read', render: overviewPage},
  {path: 'certificates', title: 'Certificates', need: 'read', render: certificatesPage, detail: certificatePage},
  {path: 'accounts', title: 'Accounts', need: 'accounts', render: accountsPage, detail: accountPage},
  {path: 'approvals', title: 'Approvals', need: 'read', render: approvalsPage},
  {path: 'authorities', title: 'CA hierarchy', need: 'read', render: authoritiesPage},
  {path: 'audit', title: 'Audit trail', need: 'audit', render: auditPage},
];

let session = null;
let stopPage = null;
const main = document.getElementById('main');

function signInPage(message) {
  const token = h('input', {type: 'password', id: 'token', name: 'token', autocomplete: 'off', placeholder: 'bearer token', size: 48});
  const status = h('div', {id: 'sign-in-status'}, message ? notice('error', message) : null);
  async function go(withToken) {
    replace(status);
    try {
      session = await signIn(withToken ? token.value.trim() : null);
      token.value = '';
      start();
    } catch (e) {
      replace(status, notice('error', e.message));
    }
  }
  const form = h('form', {class: 'sign-in card', id: 'sign-in', onsubmit: e => { e.preventDefault(); go(true); }},
    h('h2', {}, 'Sign in'),
    h('p', {class: 'muted'}, 'With a token of your account, or with the TLS client certificate your browser presents (issued under the client'
      + ' profile for an identifier bound to your account).'),
    field('Token', token),
    h('div', {class: 'actions'},
      h('button', {type: 'submit', id: 'sign-in-token', class: 'primary'}, 'Sign in with token'),
      h('button', {type: 'button', id: 'sign-in-certificate', onclick: () => go(false)}, 'Sign in with client certificate')),
    status);
  replace(document.getElementById('nav'));
  replace(document.getElementById('who'));
  replace(main, form);
  token.focus();
}

function navigation() {
  const current = (location.hash.replace(/^#\/?/, '').split('/')[0]) || 'overview';
  replace(document.getElementById('nav'), PAGES.filter(p => can(session, p.need)).map(p =>
    h('a', {href: '#/' + p.path, class: p.path === current ? 'active' : null, 'data-page': p.path}, p.title)));
  replace(document.getElementById('who'),
    h('span', {id: 'account'}, session.account), ' ', h('span', {class: 'roles', id: 'roles'}, session.roles.join(', ')), ' ',
    h('button', {id: 'sign-out', class: 'link', onclick: async () => { await signOut().catch(() => {}); session = null; signInPage(); }},
      'Sign out'));
}

async function route() {
  if (!session) return;
  if (stopPage) {
    stopPage();
    stopPage = null;
  }
  const [path, ...rest] = location.hash.replace(/^#\/?/, '').split('/');
  const page = PAGES.find(p => p.path === (path || 'overview'));
  navigation();
  if (!page || !can(session, page.need)) {
    replace(main, notice('error', 'Your roles (' + session.roles.join(', ') + ') do not include this page.'));
    return;
  }
  document.title = page.title + ' · TrustChain console';
  replace(main, h('p', {class: 'muted'}, 'Loading…'));
  const ctx = {session, can: what => can(session, what), main, onStop: f => { stopPage = f; }, signedOut: () => signInPage('The session ended; sign in again.')};
  try {
    const content = rest.length && page.detail ? await page.detail(ctx, decodeURIComponent(rest.join('/'))) : await page.render(ctx);
    replace(main, content);
  } catch (e) {
    if (e.status === 401) {
      session = null;
      signInPage('The session ended (timed out or signed out); sign in again.');
      return;
    }
    replace(main, notice('error', e.message));
  }
}

function start() {
  if (!location.hash || location.hash === '#') {
    location.hash = '#/overview'; // the hashchange routes
  } else {
    route();
  }
}

window.addEventListener('hashchange', route);
currentSession().then(s => {
  session = s;
  if (session) start(); else signInPage();
}).catch(e => replace(main, notice('error', e.message)));
