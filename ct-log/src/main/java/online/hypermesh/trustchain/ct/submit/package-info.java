/** What a submitter sends to add-chain and add-pre-chain, checked: the chain leads to an accepted root, precertificates carry the poison, and the RFC 6962 log entry is derived from it. */
package online.hypermesh.trustchain.ct.submit;
