/**
 * Typed configuration: every setting declared once ({@link online.hypermesh.trustchain.ca.config.Setting}) in
 * the section that reads it, read through MicroProfile Config (system property, then environment
 * variable), validated all together at deployment ({@link online.hypermesh.trustchain.ca.config.Configuration})
 * and injected per section ({@link online.hypermesh.trustchain.ca.config.ConfigProducer}). The only
 * package that reads system properties or the environment (ArchitectureTest).
 */
package online.hypermesh.trustchain.ca.config;
