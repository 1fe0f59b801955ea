/**
 * The software crypto token: keys generated in the JVM, stored only as AES-256-GCM
 * ciphertext under a key derived from the operator secret, unwrapped into memory on first use.
 */
package online.hypermesh.trustchain.core.crypto.soft;
