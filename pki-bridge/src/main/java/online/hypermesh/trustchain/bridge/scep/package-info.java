/**
 * SCEP (RFC 8894) messages without a server: parsing and verifying a client's pkiMessage,
 * decrypting its pkcsPKIEnvelope through a key-transport callback (the RA key stays in the crypto
 * token), and building CertRep, GetCACert and GetCACaps replies.
 */
package online.hypermesh.trustchain.bridge.scep;
