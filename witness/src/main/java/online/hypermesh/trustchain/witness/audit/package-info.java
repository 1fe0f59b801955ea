/** The offline verifier of the CA's audit exports, for auditors and third parties. */
package online.hypermesh.trustchain.witness.audit;
