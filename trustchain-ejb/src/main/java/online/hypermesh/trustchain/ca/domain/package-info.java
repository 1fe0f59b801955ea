/** The CA's ports (repositories, audit trail) and its state types; no JPA or EJB imports. */
package online.hypermesh.trustchain.ca.domain;
