package online.hypermesh.trustchain.web.rest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import online.hypermesh.trustchain.ca.api.OcspAnswer;
import online.hypermesh.trustchain.ca.api.RevocationPublication;
import online.hypermesh.trustchain.core.error.ErrorClassifier;
import online.hypermesh.trustchain.core.error.OutageLog;

/**
 * The OCSP responder over plain HTTP (RFC 6960 appendix A, RFC 5019): POST /ocsp with an
 * application/ocsp-request body, or GET /ocsp/{url-encoded base64 of the DER request}. Every
 * answer, errors included, is an application/ocsp-response: OCSP clients read response
 * statuses, not problem+json. A GET answer about one certificate carries RFC 5019's caching headers
 * (it is the same for everyone until its nextUpdate); POST answers and everything else say no-cache.
 */
@PermitAll
@Path("ocsp")
public class OcspResource {
    static final String REQUEST_TYPE = "application/ocsp-request";
    static final String RESPONSE_TYPE = "application/ocsp-response";
    /** OCSPResponse ::= SEQUENCE { responseStatus ENUMERATED tryLater(3) }, no responseBytes (RFC 6960 4.2.1). */
    private static final byte[] TRY_LATER = {0x30, 0x03, 0x0A, 0x01, 0x03};

    @EJB
    RevocationPublication revocation;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(RESPONSE_TYPE)
    public Response post(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
        byte[] request = isOcspRequest(contentType) ? readBounded(body) : null;
        return respond(request);
    }

    @GET
    @Path("{request: .+}")
    @Produces(RESPONSE_TYPE)
    public Response get(@Encoded @PathParam("request") String encoded) {
        byte[] request = decode(encoded);
        if (request == null) {
            return answer(revocation.malformedOcspRequest());
        }
        return respond(() -> {
            OcspAnswer answer = revocation.ocspForHttpCaches(request);
            return cacheable(answer, Instant.now()).orElseGet(() -> answer(answer.der()));
        });
    }

    private Response respond(byte[] request) {
        if (request == null) {
            return answer(revocation.malformedOcspRequest());
        }
        return respond(() -> answer(revocation.ocsp(request)));
    }

    private static Response respond(Supplier<Response> answering) {
        try {
            return answering.get();
        } catch (RuntimeException e) {
            // The responder keys could not be read (the status lookup inside the signer answers
            // tryLater itself): an OCSP client understands tryLater, not a problem document.
            var outage = ErrorClassifier.databaseOutage(e);
            if (outage.isEmpty()) {
                throw e;
            }
            OutageLog.shared().failed(outage.get());
            return answer(TRY_LATER.clone());
        }
    }

    private static boolean isOcspRequest(String contentType) {
        try {
            return contentType != null && MediaType.valueOf(contentType).isCompatible(MediaType.valueOf(REQUEST_TYPE))
                    && !MediaType.valueOf(contentType).isWildcardType();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Response answer(byte[] response) {
        return Response.ok(response, RESPONSE_TYPE).header("Cache-Control", "no-cache").build();
    }

    /**
     * A GET answer any HTTP cache may keep until its nextUpdate (RFC 5019 section 6.2): a successful
     * good or revoked answer about one certificate without nonce. Empty for every other answer,
     * which keeps no-cache (an error, an unknown serial about to be issued, a nonce bound to one request).
     */
    static Optional<Response> cacheable(OcspAnswer answer, Instant now) {
        if (!answer.sharedCacheable() || !now.isBefore(answer.nextUpdate())) {
            return Optional.empty();
        }
        long maxAge = Duration.between(now, answer.nextUpdate()).getSeconds();
        return Optional.of(Response.ok(answer.der(), RESPONSE_TYPE)
                .header("Cache-Control", "max-age=" + maxAge + ", public, no-transform, must-revalidate")
                .lastModified(Date.from(answer.thisUpdate()))
                .expires(Date.from(answer.nextUpdate()))
                .tag(etag(answer.der()))
                .build());
    }

    /** Opaque and strong: the first 20 bytes of the answer's SHA-256, in hex. */
    private static EntityTag etag(byte[] response) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(response);
            return new EntityTag(HexFormat.of().formatHex(digest, 0, 20));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256", e);
        }
    }

    /** Null if the body is larger than any honest request. */
    private static byte[] readBounded(InputStream body) {
        try (body) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            int n;
            while ((n = body.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                if (out.size() > RevocationPublication.MAX_OCSP_REQUEST_BYTES) {
                    return null;
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Percent-decodes the path segment(s) without turning '+' into a space (it is a base64 digit
     * here), then base64-decodes; null if either step fails.
     */
    static byte[] decode(String encoded) {
        if (encoded.length() > RevocationPublication.MAX_OCSP_REQUEST_BYTES * 2) {
            return null;
        }
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                if (i + 2 >= encoded.length()) {
                    return null;
                }
                int hi = Character.digit(encoded.charAt(i + 1), 16);
                int lo = Character.digit(encoded.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                text.write(hi * 16 + lo);
                i += 2;
            } else {
                text.write(c);
            }
        }
        try {
            return Base64.getDecoder().decode(text.toString(StandardCharsets.US_ASCII).trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
