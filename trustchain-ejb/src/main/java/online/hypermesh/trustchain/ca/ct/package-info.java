/** The Certificate Transparency log inside the deployment: its key in the crypto token, its settings, accepted roots, and the bean that owns the sequencer. */
package online.hypermesh.trustchain.ca.ct;
