/**
 * What the edges (trustchain-web) may call: {@code @Local} business interfaces, the commands
 * and views they exchange. The web tier depends on these, never on bean classes: this package
 * alone is the EJB module's client jar, which trustchain-web compiles against, so its types use
 * nothing but the JDK, Jakarta EE and core's error types (ArchitectureTest).
 */
package online.hypermesh.trustchain.ca.api;
