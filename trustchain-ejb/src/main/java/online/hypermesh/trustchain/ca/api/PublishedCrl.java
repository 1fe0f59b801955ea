package online.hypermesh.trustchain.ca.api;

import java.time.Instant;

/** The latest full or delta CRL of an authority, DER, as served at its URL. */
public record PublishedCrl(byte[] der, long number, Instant thisUpdate, Instant nextUpdate) {
}
