package online.hypermesh.trustchain.ca.api;

import java.time.Instant;

/** The latest full CRL of an authority, DER, as served at its CRL distribution point. */
public record PublishedCrl(byte[] der, long number, Instant thisUpdate, Instant nextUpdate) {
}
