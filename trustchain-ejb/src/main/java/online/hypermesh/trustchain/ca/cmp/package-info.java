/**
 * The CMP server (RFC 4210 / RFC 9810, Lightweight CMP Profile RFC 9483) behind
 * {@link online.hypermesh.trustchain.ca.api.CmpService}: authentication by shared secret, and each
 * request turned into the issuance, renewal and revocation every other edge uses.
 */
package online.hypermesh.trustchain.ca.cmp;
