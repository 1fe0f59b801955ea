/**
 * A CMP client (RFC 4210 / RFC 9483) for delegating issuance to an enterprise's own CA: p10cr
 * protected by a password-based MAC over HTTP (RFC 6712), the certificate checked by the caller
 * before certConf accepts or rejects it, and rr for revocation. No server state, no Jakarta EE.
 */
package online.hypermesh.trustchain.bridge.cmp.client;
