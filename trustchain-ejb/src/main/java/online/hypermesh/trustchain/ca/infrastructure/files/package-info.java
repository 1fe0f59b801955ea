/** Writing secrets and published files into the data directory safely (0600, atomic rename). */
package online.hypermesh.trustchain.ca.infrastructure.files;
