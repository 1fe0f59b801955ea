/**
 * The signer: the only code that holds the crypto token. It signs only certificates that passed
 * the linter, and nothing else in the application can reach a CA key.
 */
package online.hypermesh.trustchain.ca.signer;
