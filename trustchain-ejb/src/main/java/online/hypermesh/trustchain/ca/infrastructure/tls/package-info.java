/** The HTTPS listener's key store on disk and the WildFly management calls that reload it. */
package online.hypermesh.trustchain.ca.infrastructure.tls;
