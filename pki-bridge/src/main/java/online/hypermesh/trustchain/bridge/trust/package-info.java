/**
 * The bridge to an existing enterprise PKI, without a server: an imported CA's certificates as
 * trust anchors ({@link online.hypermesh.trustchain.bridge.trust.AnchorBundle}), the cross
 * certificate TrustChain's root issues for the enterprise root
 * ({@link online.hypermesh.trustchain.bridge.trust.CrossCertificateTemplate}), the PKCS#10 request
 * for the other direction ({@link online.hypermesh.trustchain.bridge.trust.CrossCertificationRequest})
 * and the check of the cross certificate the enterprise returns
 * ({@link online.hypermesh.trustchain.bridge.trust.ReturnedCrossCertificate}).
 */
package online.hypermesh.trustchain.bridge.trust;
