/**
 * CMP (RFC 4210 / RFC 9810, Lightweight CMP Profile RFC 9483) messages without a server: parsing
 * a request and its password-based MAC, the CRMF and PKCS#10 requests, certConf, rr and genm in
 * it, and building protected responses (ip/cp/kup, pkiConf, rp, genp, error).
 */
package online.hypermesh.trustchain.bridge.cmp;
