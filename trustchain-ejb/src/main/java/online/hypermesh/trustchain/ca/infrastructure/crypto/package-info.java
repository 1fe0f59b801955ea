/** Crypto-token implementations chosen by configuration (the software token over PostgreSQL). */
package online.hypermesh.trustchain.ca.infrastructure.crypto;
