/**
 * The officers' web console at /admin/: its static single-page app, its sign-in and sign-out
 * (server-side sessions behind an HttpOnly cookie) and the security headers of its pages. The
 * pages call the REST API like any client; the server enforces every role.
 */
package online.hypermesh.trustchain.web.console;
