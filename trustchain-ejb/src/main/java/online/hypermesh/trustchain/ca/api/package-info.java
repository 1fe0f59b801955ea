/**
 * What the edges (trustchain-web) may call: {@code @Local} business interfaces, the commands
 * and views they exchange. The web tier depends on these, never on bean classes.
 */
package online.hypermesh.trustchain.ca.api;
