package online.hypermesh.trustchain.web.rest;

import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import online.hypermesh.trustchain.ca.api.AuthorityQueries;
import online.hypermesh.trustchain.ca.api.AuthorityRevocationService;
import online.hypermesh.trustchain.ca.api.Approvals;
import online.hypermesh.trustchain.ca.api.AuthorityView;
import online.hypermesh.trustchain.ca.api.CertificateDetails;
import online.hypermesh.trustchain.ca.api.CertificatePage;
import online.hypermesh.trustchain.ca.api.CertificateSearchQuery;
import online.hypermesh.trustchain.ca.api.CertificateQueries;
import online.hypermesh.trustchain.ca.api.IssuanceCommand;
import online.hypermesh.trustchain.ca.api.IssuanceService;
import online.hypermesh.trustchain.ca.api.IssuedCertificate;
import online.hypermesh.trustchain.ca.api.RenewalService;
import online.hypermesh.trustchain.ca.api.RevocationService;
import online.hypermesh.trustchain.ca.api.RolloverService;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.web.json.BoundedBody;
import online.hypermesh.trustchain.web.json.IssueRequestParser;
import online.hypermesh.trustchain.web.json.StrictJsonObject;
import online.hypermesh.trustchain.web.security.CurrentCaller;

/** REST v1 of the CA (API.md): CA certificates, issuance, renewal, revocation, certificate lookup. */
@Path("api/v1/ca")
public class CaResource {
    static final String PEM_CHAIN = "application/pem-certificate-chain";
    static final String PKCS10 = "application/pkcs10";

    @EJB
    IssuanceService issuance;

    @EJB
    CertificateQueries certificates;

    @EJB
    AuthorityQueries authorities;

    @EJB
    RevocationService revocation;

    @EJB
    RenewalService renewal;

    @EJB
    RolloverService rollover;

    /** The actions above that may wait for a second officer (trustchain.approvals.actions) ask it first. */
    @EJB
    Approvals approvals;

    @EJB
    AuthorityRevocationService authorityRevocation;

    @Inject
    CurrentCaller caller;

    @PermitAll
    @GET
    @Path("cert")
    @Produces(PEM_CHAIN)
    public String issuingCa() {
        return authorities.issuingCaPem();
    }

    @PermitAll
    @GET
    @Path("root")
    @Produces(PEM_CHAIN)
    public String root() {
        return authorities.rootPem();
    }

    @PermitAll
    @GET
    @Path("authorities")
    @Produces(MediaType.APPLICATION_JSON)
    public List<AuthorityView> list() {
        return authorities.authorities();
    }

    /**
     * Key rollover (admin token): a new key and certificate for the authority, which takes over
     * issuance; the old one stays verifiable. Repeating it reports the same successor.
     */
    @RolesAllowed("admin")
    @POST
    @Path("authorities/{id}/rollover")
    @Produces(MediaType.APPLICATION_JSON)
    public Response rollover(@PathParam("id") String id) {
        var who = caller.get();
        var pending = approvals.holdRollover(id, who);
        if (pending.isPresent()) {
            return ApprovalsResource.accepted(pending.get());
        }
        return Response.ok(rollover.rollover(id, who)).build();
    }

    /**
     * Revocation of an intermediate (admin token): {"reason": "cACompromise"}. Its issuance stops,
     * the parent's CRLs are re-signed listing it, and the parent's OCSP responder answers revoked.
     */
    @RolesAllowed("admin")
    @POST
    @Path("authorities/{id}/revoke")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public AuthorityView revokeAuthority(@PathParam("id") String id, InputStream body) {
        StrictJsonObject json = StrictJsonObject.parse(BoundedBody.read(body), Set.of("reason"), "{\"reason\": \"cACompromise\"}");
        return authorityRevocation.revoke(id, json.string("reason"), caller.get());
    }

    @RolesAllowed("issuer")
    @POST
    @Path("certificates")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response issueJson(InputStream body) {
        byte[] bytes = BoundedBody.read(body);
        if (bytes.length == 0) {
            throw TrustChainException.malformed("the body is empty; send {\"csr\": \"<PEM>\", \"profile\": \"server\"}");
        }
        var parsed = IssueRequestParser.parse(bytes);
        IssuanceCommand command = new IssuanceCommand(IssueRequestParser.csrBytes(parsed), parsed.profile(),
                parsed.validityHours(), parsed.region(), caller.get());
        var pending = approvals.holdIssuance(command);
        if (pending.isPresent()) {
            return ApprovalsResource.accepted(pending.get());
        }
        IssuedCertificate issued = issuance.issue(command);
        return Response.created(location(issued)).entity(IssuanceResponse.of(issued)).build();
    }

    /** A bare CSR (PEM or DER); parameters in the query. Answers with the PEM chain, leaf first. */
    @RolesAllowed("issuer")
    @POST
    @Path("certificates")
    @Consumes(PKCS10)
    @Produces(PEM_CHAIN)
    public Response issuePkcs10(InputStream body, @QueryParam("profile") String profile,
                                @QueryParam("validity_hours") Integer validityHours, @QueryParam("region") String region) {
        byte[] bytes = BoundedBody.read(body);
        IssuanceCommand command = new IssuanceCommand(bytes, profile, validityHours, region, caller.get());
        var pending = approvals.holdIssuance(command);
        if (pending.isPresent()) {
            // The approval, as JSON, whatever the client accepts: its certificate does not exist yet.
            return ApprovalsResource.accepted(pending.get());
        }
        IssuedCertificate issued = issuance.issue(command);
        return Response.created(location(issued)).type(PEM_CHAIN).entity(pemChain(issued)).build();
    }

    private static String pemChain(IssuedCertificate issued) {
        StringBuilder chain = new StringBuilder(issued.certificatePem());
        issued.chainPem().forEach(chain::append);
        return chain.toString();
    }

    /** Search (API.md): ?subject=&san=&status=&issuer=&expires_after=&expires_before=&stage=&limit=&page_token= */
    @RolesAllowed({"admin", "officer", "issuer", "auditor"})
    @GET
    @Path("certificates")
    @Produces(MediaType.APPLICATION_JSON)
    public CertificatePage search(@QueryParam("subject") String subject, @QueryParam("san") String san,
                                  @QueryParam("status") String status, @QueryParam("issuer") String issuer,
                                  @QueryParam("expires_after") String expiresAfter, @QueryParam("expires_before") String expiresBefore,
                                  @QueryParam("stage") String stage, @QueryParam("limit") String limit,
                                  @QueryParam("page_token") String pageToken) {
        caller.get();
        return certificates.search(new CertificateSearchQuery(subject, san, status, issuer, QueryParams.instant("expires_after", expiresAfter),
                QueryParams.instant("expires_before", expiresBefore), pageToken, QueryParams.integer("limit", limit), stage));
    }

    /** Revocation: {"reason": "<RFC 5280 reason name>"}; "removeFromCRL" releases a hold. */
    @RolesAllowed({"admin", "officer", "issuer"})
    @POST
    @Path("certificates/{serial}/revoke")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response revoke(@PathParam("serial") String serial, InputStream body) {
        StrictJsonObject json = StrictJsonObject.parse(BoundedBody.read(body), Set.of("reason"), "{\"reason\": \"keyCompromise\"}");
        var who = caller.get();
        var pending = approvals.holdRevocation(serial, json.string("reason"), who);
        if (pending.isPresent()) {
            return ApprovalsResource.accepted(pending.get());
        }
        return Response.ok(revocation.revoke(serial, json.string("reason"), who)).build();
    }

    /** Renewal: {"csr": PEM, "validity_hours"?} for exactly the predecessor's names; 201 like issuance. */
    @RolesAllowed("issuer")
    @POST
    @Path("certificates/{serial}/renew")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response renewJson(@PathParam("serial") String serial, InputStream body) {
        var parsed = IssueRequestParser.parseRenewal(BoundedBody.read(body));
        IssuedCertificate renewed = renewal.renew(serial, IssueRequestParser.csrBytes(parsed), parsed.validityHours(), caller.get());
        return Response.created(location(renewed)).entity(IssuanceResponse.of(renewed)).build();
    }

    /** Renewal with a bare CSR (PEM or DER); answers with the PEM chain, leaf first. */
    @RolesAllowed("issuer")
    @POST
    @Path("certificates/{serial}/renew")
    @Consumes(PKCS10)
    @Produces(PEM_CHAIN)
    public Response renewPkcs10(@PathParam("serial") String serial, InputStream body,
                                @QueryParam("validity_hours") Integer validityHours) {
        IssuedCertificate renewed = renewal.renew(serial, BoundedBody.read(body), validityHours, caller.get());
        return Response.created(location(renewed)).type(PEM_CHAIN).entity(pemChain(renewed)).build();
    }

    @RolesAllowed({"admin", "officer", "issuer", "auditor"})
    @GET
    @Path("certificates/{serial}")
    @Produces(MediaType.APPLICATION_JSON)
    public CertificateDetails certificate(@PathParam("serial") String serial) {
        caller.get();
        return certificates.find(serial);
    }

    private static URI location(IssuedCertificate issued) {
        return URI.create("/api/v1/ca/certificates/" + issued.serialNumber());
    }
}
