package online.hypermesh.trustchain.web.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import online.hypermesh.trustchain.ca.api.DirectorySync;
import online.hypermesh.trustchain.web.security.CurrentCaller;

/**
 * {@code POST /api/v1/directory/sync}: reads the directory's groups now and applies the
 * group-to-scope mapping (it also runs every trustchain.ldap.sync.minutes); the reply says which
 * account got which scopes, which members have no account, which groups are missing. 503 without
 * a directory or when it cannot be read (nothing changed then).
 */
@RolesAllowed("admin")
@Path("api/v1/directory/sync")
public class DirectoryResource {
    @EJB
    DirectorySync directory;

    @Inject
    CurrentCaller caller;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public DirectorySync.Report sync() {
        return directory.sync(caller.get());
    }
}
