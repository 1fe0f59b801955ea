// ConsoleBrowserIT's browser half: drives the web console at <base>/admin/ in Debian's chromium
// through playwright-core, as officers, an auditor and a client-certificate holder would, and
// saves a screenshot of every page. Usage: node console.mjs <config.json>; the config names the
// base URL, the tokens, the certificates the Java half prepared, the client certificate and the
// screenshot directory. Prints "ok <step>" per step; exits 1 with "FAILED <step>: <why>" at the
// first step that does not hold, 0 when all did.

import {readFileSync, mkdirSync} from 'node:fs';
import {chromium} from 'playwright-core';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const base = config.base;
mkdirSync(config.screenshots, {recursive: true});

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

let current = 'start';
const problems = [];

function check(condition, why) {
  if (!condition) throw new Error(why);
}

async function step(name, body) {
  current = name;
  await body();
  console.log('ok ' + name);
}

/** A fresh browser profile (cookies, storage) that fails the run on any CSP violation or page error. */
async function newContext(options = {}) {
  // The server's certificate chains to the test CA's root, which chromium's store does not hold.
  const context = await browser.newContext({ignoreHTTPSErrors: true, viewport: {width: 1360, height: 900}, ...options});
  context.on('page', page => watch(page));
  return context;
}

function watch(page) {
  page.on('console', message => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/.test(message.text())) problems.push('CSP: ' + message.text());
  });
  page.on('pageerror', error => problems.push('page error: ' + error.message));
  page.on('dialog', dialog => dialog.accept());
}

async function signIn(context, token, at = base) {
  const page = await context.newPage();
  const response = await page.goto(at + '/admin/');
  const headers = response.headers();
  check(headers['content-security-policy'].includes("script-src 'self'") && headers['content-security-policy'].includes("frame-ancestors 'none'"),
    'the page has the strict CSP: ' + headers['content-security-policy']);
  check(headers['x-content-type-options'] === 'nosniff' && headers['referrer-policy'] === 'no-referrer', 'nosniff and no-referrer');
  await page.waitForSelector('#sign-in');
  if (token !== null) {
    await page.fill('#token', token);
    await page.click('#sign-in-token');
  } else {
    await page.click('#sign-in-certificate');
  }
  await page.waitForSelector('#overview');
  return page;
}

async function shot(page, name) {
  await page.waitForTimeout(300);
  await page.screenshot({path: config.screenshots + '/' + name + '.png', fullPage: true});
}

/** fetch from inside the page (same origin, the session cookie attached by the browser). */
async function pageFetch(page, method, path, headers, body) {
  return page.evaluate(async ([method, path, headers, body]) => {
    const r = await fetch(path, {method, headers, body});
    return {status: r.status, text: await r.text()};
  }, [method, path, headers, body]);
}

async function csrfOf(page) {
  return page.evaluate(async () => (await (await fetch('/admin/session')).json()).csrf_token);
}

async function openCertificate(page, serial) {
  await page.goto(base + '/admin/#/certificates/' + serial);
  await page.waitForSelector('#ocsp-status');
}

async function ocspStatus(page, serial, expected) {
  for (let i = 0; i < 20; i++) {
    await openCertificate(page, serial);
    const text = await page.textContent('#ocsp-status');
    if (text.includes('OCSP says ' + expected)) return text;
    await page.waitForTimeout(500);
  }
  throw new Error('OCSP never said ' + expected + ' for ' + serial + ': ' + (await page.textContent('#ocsp-status')));
}

try {
  const officerA = await newContext();
  let page;
  await step('officer signs in with a token: an HttpOnly, Secure, SameSite=Strict session cookie, no token in storage', async () => {
    const signInPage = await officerA.newPage();
    await signInPage.goto(base + '/admin/');
    await signInPage.waitForSelector('#sign-in');
    await shot(signInPage, '0-sign-in');
    await signInPage.close();
    page = await signIn(officerA, config.tokens.officerA);
    const cookies = await officerA.cookies();
    const session = cookies.find(c => c.name === '__Host-trustchain-console');
    check(session && session.httpOnly && session.secure && session.sameSite === 'Strict' && session.path === '/', 'cookie: ' + JSON.stringify(cookies));
    const storage = await page.evaluate(() => ({local: localStorage.length, session: sessionStorage.length, cookie: document.cookie}));
    check(storage.local === 0 && storage.session === 0 && !storage.cookie.includes('trustchain-console'), 'storage: ' + JSON.stringify(storage));
    check((await page.textContent('#account')) === 'officer-a', 'signed in as officer-a');
    const nav = await page.$$eval('#nav a', links => links.map(a => a.dataset.page));
    check(!nav.includes('accounts') && !nav.includes('audit') && nav.includes('approvals'), 'an officer sees no accounts or audit page: ' + nav);
  });

  await step('overview shows the meters Prometheus scrapes', async () => {
    const issued = Number(await page.textContent('[data-testid=issued] .metric-value'));
    check(issued >= config.issuedAtLeast, 'issued ' + issued + ' >= ' + config.issuedAtLeast);
    check(Number(await page.textContent('[data-testid=ct] .metric-value')) >= config.issuedAtLeast, 'CT tree size counts the issued certificates');
    check((await page.$$('[data-testid=expiring] tbody tr')).length >= 4, 'CAs and responders listed');
    await shot(page, '1-overview');
  });

  await step('officer finds the certificate by name', async () => {
    await page.click('#nav a[data-page=certificates]');
    await page.waitForSelector('#certificate-search');
    await page.fill('#search-name', config.target.name);
    await page.click('#search');
    await page.waitForSelector('[data-testid=certificates] a[href="#/certificates/' + config.target.serial + '"]');
    await shot(page, '2-certificates');
    await page.click('a[href="#/certificates/' + config.target.serial + '"]');
    await page.waitForSelector('#ocsp-status');
    check((await page.textContent('#ocsp-status')).includes('OCSP says good'), 'OCSP good before: ' + await page.textContent('#ocsp-status'));
    check((await page.$$('[data-testid=chain] tbody tr')).length === 3, 'leaf, intermediate, root');
    check((await page.$$('[data-testid=scts] tbody tr')).length >= 1 && !(await page.textContent('[data-testid=scts]')).includes('no embedded SCT'),
      'the embedded SCT is shown');
    await shot(page, '3-certificate');
  });

  let approvalId = null;
  await step(config.approvals ? 'officer requests the revocation: it waits for approval' : 'officer revokes it with a reason', async () => {
    await page.selectOption('#revoke-reason', 'keyCompromise');
    await page.click('#revoke-button');
    if (config.approvals) {
      await page.waitForSelector('#revoke-status .notice-info');
      const text = await page.textContent('#revoke-status');
      approvalId = /approval (\S+?)\./.exec(text)[1];
      check((await ocspStatus(page, config.target.serial, 'good')).includes('good'), 'still good while it waits');
    } else {
      await page.waitForSelector('#revoke-status .notice-ok');
    }
  });

  if (config.approvals) {
    await step('the requester may not approve it', async () => {
      await page.goto(base + '/admin/#/approvals');
      await page.waitForSelector('[data-testid=approvals]');
      check(!(await page.$('[data-approve="' + approvalId + '"]')), 'no approve button for the requester');
      const r = await pageFetch(page, 'POST', '/api/v1/approvals/' + approvalId + '/approve', {'X-CSRF-Token': await csrfOf(page)});
      check(r.status === 403, 'the API refuses the requester: ' + r.status + ' ' + r.text);
    });
    await step('a second officer approves it', async () => {
      const officerB = await newContext();
      const pageB = await signIn(officerB, config.tokens.officerB);
      await pageB.click('#nav a[data-page=approvals]');
      await pageB.waitForSelector('[data-approve="' + approvalId + '"]');
      await shot(pageB, '4-approvals');
      await pageB.click('[data-approve="' + approvalId + '"]');
      await pageB.waitForSelector('#approval-status .notice-ok');
      await officerB.close();
    });
  }

  await step('OCSP says revoked', async () => {
    const text = await ocspStatus(page, config.target.serial, 'revoked');
    check(text.includes('keyCompromise'), 'with its reason: ' + text);
    await shot(page, '5-certificate-revoked');
  });

  await step('CSRF: a state change without the session\'s token is refused and changes nothing', async () => {
    const path = '/api/v1/ca/certificates/' + config.csrfTarget + '/revoke';
    const body = JSON.stringify({reason: 'superseded'});
    const none = await pageFetch(page, 'POST', path, {'Content-Type': 'application/json'}, body);
    check(none.status === 403 && none.text.includes('CSRF'), 'no header: ' + none.status + ' ' + none.text);
    const wrong = await pageFetch(page, 'POST', path, {'Content-Type': 'application/json', 'X-CSRF-Token': 'x' + await csrfOf(page)}, body);
    check(wrong.status === 403, 'a wrong token: ' + wrong.status);
    const signOut = await pageFetch(page, 'DELETE', '/admin/session', {});
    check(signOut.status === 403, 'signing out without it: ' + signOut.status);
    const after = JSON.parse((await pageFetch(page, 'GET', '/api/v1/ca/certificates/' + config.csrfTarget, {})).text);
    check(after.status === 'valid', 'still valid: ' + after.status);
  });

  await step('officer signs out: the session is gone', async () => {
    await page.click('#sign-out');
    await page.waitForSelector('#sign-in');
    const r = await pageFetch(page, 'GET', '/api/v1/ca/certificates/' + config.csrfTarget, {});
    check(r.status === 401, 'the API refuses the old cookie: ' + r.status);
  });

  await step('auditor: no revoke button, and the API refuses a revocation', async () => {
    const auditor = await newContext();
    const pageC = await signIn(auditor, config.tokens.auditor);
    await openCertificate(pageC, config.target.serial);
    await pageC.waitForSelector('[data-testid=certificate-audit]');
    const events = await pageC.textContent('[data-testid=certificate-audit]');
    check(events.includes('certificate.issued') && events.includes('certificate.revoked') && events.includes('officer-a'),
      'the certificate\'s own audit events: ' + events);
    await openCertificate(pageC, config.csrfTarget);
    check(!(await pageC.textContent('[data-testid=certificate-audit]')).includes('certificate.revoked'), 'only that certificate\'s events');
    check(!(await pageC.$('#revoke-button')), 'no revoke button for an auditor');
    const r = await pageFetch(pageC, 'POST', '/api/v1/ca/certificates/' + config.csrfTarget + '/revoke',
      {'Content-Type': 'application/json', 'X-CSRF-Token': await csrfOf(pageC)}, JSON.stringify({reason: 'superseded'}));
    check(r.status === 403 && r.text.includes('auditor-c'), 'the API refuses the auditor: ' + r.status + ' ' + r.text);

    await pageC.goto(base + '/admin/#/audit');
    await pageC.waitForSelector('[data-testid=audit]');
    await pageC.fill('#audit-action', '');
    const audit = await pageC.textContent('[data-testid=audit]');
    check(audit.includes('certificate.revoked') && audit.includes(config.target.serial), 'the revocation is in the audit view');
    for (const expected of config.auditExpect) check(audit.includes(expected), 'the audit view shows ' + expected);
    await pageC.click('#audit-verify');
    await pageC.waitForSelector('#export-status .notice');
    const verified = await pageC.textContent('#export-status');
    check(verified.includes('Chain verified in this browser'), 'the exported chain verifies: ' + verified);
    await shot(pageC, '6-audit');

    await pageC.click('#nav a[data-page=accounts]');
    await pageC.waitForSelector('[data-testid=accounts]');
    check((await pageC.textContent('[data-testid=accounts]')).includes('officer-a'), 'accounts listed');
    await shot(pageC, '7-accounts');
    await pageC.click('a[href="#/accounts/ops"]');
    await pageC.waitForSelector('[data-testid=identities]');
    check((await pageC.textContent('[data-testid=identities]')).includes('spiffe://hypermesh.online/console/ops'), 'the bound identity');
    await shot(pageC, '8-account');

    await pageC.click('#nav a[data-page=authorities]');
    await pageC.waitForSelector('[data-testid=authorities]');
    check((await pageC.$$('[data-testid=authorities] tbody tr')).length >= 2, 'root and intermediates');
    check(!(await pageC.$('[data-rollover]')), 'no rollover for an auditor');
    check((await pageC.$$('[data-testid=crls] tbody tr')).length >= 1, 'CRL state');
    await shot(pageC, '9-authorities');
    if (!config.approvals) {
      await pageC.click('#nav a[data-page=approvals]');
      await pageC.waitForSelector('#approval-list');
      await shot(pageC, '4-approvals');
    }
    await auditor.close();
  });

  await step('sign-in with a TLS client certificate', async () => {
    // Playwright matches a client certificate's origin by host name; it does not match an IPv6 literal, so this step uses localhost.
    const holder = await newContext({clientCertificates: [{origin: config.certificateBase, certPath: config.clientCertificate.cert, keyPath: config.clientCertificate.key}]});
    const pageD = await signIn(holder, null, config.certificateBase);
    check((await pageD.textContent('#account')) === config.clientCertificate.account, 'signed in as ' + await pageD.textContent('#account'));
    await holder.close();
  });

  await officerA.close();
  check(problems.length === 0, problems.join('; '));
  console.log('all steps passed');
  await browser.close();
  process.exit(0);
} catch (e) {
  console.log('FAILED ' + current + ': ' + e.message);
  if (problems.length) console.log('page problems: ' + problems.join('; '));
  await browser.close();
  process.exit(1);
}
