/** Signed certificate timestamps and tree-head signatures of RFC 6962 section 3.2 and 3.5: the exact bytes that are signed, the DigitallySigned wrapper, and the SCT list of the X.509 extension. */
package online.hypermesh.trustchain.ct.sct;
