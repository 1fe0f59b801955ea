package online.hypermesh.trustchain.web.rest;

import java.io.InputStream;
import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import online.hypermesh.trustchain.ca.api.AccountView;
import online.hypermesh.trustchain.ca.api.Approvals;
import online.hypermesh.trustchain.ca.api.Accounts;
import online.hypermesh.trustchain.ca.api.NewToken;
import online.hypermesh.trustchain.ca.api.TokenView;
import online.hypermesh.trustchain.web.json.AccountRequestParser;
import online.hypermesh.trustchain.web.json.BoundedBody;
import online.hypermesh.trustchain.web.security.CurrentCaller;

/**
 * Accounts and their bearer tokens (admin; auditors may read):
 * <ul>
 * <li>{@code POST /api/v1/accounts} creates one (201), {@code GET} lists them</li>
 * <li>{@code GET /api/v1/accounts/{name}}, {@code PATCH} changes roles, scopes, profiles, regions, validity</li>
 * <li>{@code POST /api/v1/accounts/{name}/disable} and {@code /enable}</li>
 * <li>{@code POST /api/v1/accounts/{name}/tokens} creates a token and shows its secret once (201),
 *     {@code GET} lists them, {@code DELETE .../tokens/{id}} revokes one</li>
 * <li>{@code PUT /api/v1/accounts/{name}/allowlist} sets the networks it may call from, {@code GET} shows them</li>
 * </ul>
 */
@RolesAllowed("admin")
@Path("api/v1/accounts")
public class AccountsResource {
    @EJB
    Accounts accounts;

    /** A change of scopes may wait for a second officer (trustchain.approvals.actions). */
    @EJB
    Approvals approvals;

    @Inject
    CurrentCaller caller;

    public record AccountList(List<AccountView> accounts) {
    }

    public record Allowlist(String account, List<String> networks) {
    }

    public record TokenList(String account, List<TokenView> tokens) {
    }

    /** The secret appears here and nowhere else, ever. */
    public record CreatedToken(long id, String name, String token, java.time.Instant createdAt, java.time.Instant expiresAt, String status) {
        static CreatedToken of(NewToken t) {
            return new CreatedToken(t.token().id(), t.token().name(), t.secret(), t.token().createdAt(), t.token().expiresAt(), t.token().status());
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(InputStream body) {
        var who = caller.get();
        AccountView created = accounts.create(AccountRequestParser.create(BoundedBody.read(body)), who);
        return Response.created(URI.create("/api/v1/accounts/" + created.name())).entity(created).build();
    }

    @RolesAllowed({"admin", "auditor"})
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public AccountList list() {
        return new AccountList(accounts.list(caller.get()));
    }

    @RolesAllowed({"admin", "auditor"})
    @GET
    @Path("{name}")
    @Produces(MediaType.APPLICATION_JSON)
    public AccountView show(@PathParam("name") String name) {
        return accounts.show(name, caller.get());
    }

    @PATCH
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response change(@PathParam("name") String name, InputStream body) {
        var who = caller.get();
        var change = AccountRequestParser.change(BoundedBody.read(body));
        var pending = approvals.holdAccountChange(name, change, who);
        if (pending.isPresent()) {
            return ApprovalsResource.accepted(pending.get());
        }
        return Response.ok(accounts.update(name, change, who)).build();
    }

    @POST
    @Path("{name}/disable")
    @Produces(MediaType.APPLICATION_JSON)
    public AccountView disable(@PathParam("name") String name) {
        return accounts.setEnabled(name, false, caller.get());
    }

    @POST
    @Path("{name}/enable")
    @Produces(MediaType.APPLICATION_JSON)
    public AccountView enable(@PathParam("name") String name) {
        return accounts.setEnabled(name, true, caller.get());
    }

    @POST
    @Path("{name}/tokens")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response createToken(@PathParam("name") String name, InputStream body) {
        var who = caller.get();
        AccountRequestParser.TokenRequest request = AccountRequestParser.token(BoundedBody.read(body));
        NewToken token = accounts.createToken(name, request.name(), request.expiresAt(), who);
        return Response.created(URI.create("/api/v1/accounts/" + name + "/tokens/" + token.token().id()))
                .header("Cache-Control", "no-store").entity(CreatedToken.of(token)).build();
    }

    @RolesAllowed({"admin", "auditor"})
    @GET
    @Path("{name}/tokens")
    @Produces(MediaType.APPLICATION_JSON)
    public TokenList tokens(@PathParam("name") String name) {
        return new TokenList(name, accounts.tokens(name, caller.get()));
    }

    @DELETE
    @Path("{name}/tokens/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public TokenView revokeToken(@PathParam("name") String name, @PathParam("id") long id) {
        return accounts.revokeToken(name, id, caller.get());
    }

    @RolesAllowed({"admin", "auditor"})
    @GET
    @Path("{name}/allowlist")
    @Produces(MediaType.APPLICATION_JSON)
    public Allowlist allowlist(@PathParam("name") String name) {
        return new Allowlist(name, accounts.allowlist(name, caller.get()));
    }

    @PUT
    @Path("{name}/allowlist")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Allowlist setAllowlist(@PathParam("name") String name, InputStream body) {
        var who = caller.get();
        return new Allowlist(name, accounts.setAllowlist(name, AccountRequestParser.allowlist(BoundedBody.read(body)), who));
    }
}
