/**
 * The bridge to an existing enterprise PKI in the deployment: imported trust anchors and
 * cross-certification of their roots with this CA's root, both ways (the formats and checks are
 * pki-bridge's {@code bridge.trust}; the root key is used only through the signer).
 */
package online.hypermesh.trustchain.ca.anchor;
