/** JPA entities and the PostgreSQL implementations of the domain's ports. */
package online.hypermesh.trustchain.ca.infrastructure.persistence;
