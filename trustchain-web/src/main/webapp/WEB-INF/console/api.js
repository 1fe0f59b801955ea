// The REST API, called with the session cookie (HttpOnly: this code never sees it) and, on every
// state change, the session's CSRF token, which lives only in this module's memory: a reload
// fetches it again from GET /admin/session. No credential is ever put in localStorage.

let csrfToken = null;

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem && problem.detail ? problem.detail : 'HTTP ' + status);
    this.status = status;
    this.problem = problem;
  }
}

async function parse(response) {
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) return response.json();
  return response.text();
}

/** fetch with the CSRF header on unsafe methods; throws ApiError for non-2xx answers (problem+json detail as its message). */
export async function call(method, path, body, options = {}) {
  const headers = {Accept: options.accept || 'application/json'};
  if (!['GET', 'HEAD'].includes(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let payload;
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const response = await fetch(path, {method, headers, body: payload, credentials: 'same-origin', cache: 'no-store'});
  const data = response.status === 204 ? null : await parse(response);
  if (!response.ok) throw new ApiError(response.status, typeof data === 'object' ? data : {detail: data});
  return options.full ? {status: response.status, data, location: response.headers.get('Location')} : data;
}

export const get = (path, options) => call('GET', path, undefined, options);
export const post = (path, body, options) => call('POST', path, body, options);

/** The current session ({account, roles, csrf_token}) or null when signed out. */
export async function currentSession() {
  try {
    const session = await get('/admin/session');
    csrfToken = session.csrf_token;
    return session;
  } catch (e) {
    if (e.status === 401) return null;
    throw e;
  }
}

/** Signs in with a token, or with nothing to use the TLS client certificate the browser presents. */
export async function signIn(token) {
  const session = await post('/admin/session', token ? {token} : {});
  csrfToken = session.csrf_token;
  return session;
}

export async function signOut() {
  await call('DELETE', '/admin/session');
  csrfToken = null;
}

/** Raw bytes from a same-origin URL (CA certificates, OCSP). */
export async function bytes(method, path, body, contentType) {
  const response = await fetch(path, {method, body, headers: contentType ? {'Content-Type': contentType} : {}, cache: 'no-store'});
  if (!response.ok) throw new ApiError(response.status, {detail: method + ' ' + path + ' answered ' + response.status});
  return new Uint8Array(await response.arrayBuffer());
}
