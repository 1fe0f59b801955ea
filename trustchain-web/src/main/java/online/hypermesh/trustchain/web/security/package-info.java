/** Authentication at the edge: bearer tokens, HTTPS-only API. */
package online.hypermesh.trustchain.web.security;
