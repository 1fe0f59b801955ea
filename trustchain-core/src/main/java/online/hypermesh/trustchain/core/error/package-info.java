/** The one exception type of TrustChain and its kinds; edges turn it into protocol errors (problem+json, DNS rcodes). */
package online.hypermesh.trustchain.core.error;
