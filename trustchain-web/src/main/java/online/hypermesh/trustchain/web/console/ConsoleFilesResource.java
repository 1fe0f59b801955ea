package online.hypermesh.trustchain.web.console;

import java.io.InputStream;
import java.net.URI;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * The console's static files (WEB-INF/console/ in the WAR: HTML, ES modules, one stylesheet)
 * under /admin/. Served through JAX-RS because the REST application owns the whole context root;
 * a closed list of names and types means nothing else in the WAR can be read this way. Public:
 * the files hold no data, every datum comes from the authenticated API.
 */
@PermitAll
@Path("admin")
public class ConsoleFilesResource {
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "svg", "image/svg+xml");

    @Context
    ServletContext servletContext;

    /** /admin and /admin/: the page (the app routes with the URL's fragment, so there is only one). */
    @GET
    public Response index(@Context jakarta.ws.rs.core.UriInfo uri) {
        if (!uri.getPath().endsWith("/")) {
            return Response.status(Response.Status.MOVED_PERMANENTLY).location(URI.create("/admin/")).build();
        }
        return file("index.html");
    }

    @GET
    @Path("{name: [a-z][a-z0-9-]*\\.(html|js|css|svg)}")
    public Response file(@PathParam("name") String name) {
        String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
        InputStream in = servletContext.getResourceAsStream("/WEB-INF/console/" + name);
        if (in == null) {
            throw TrustChainException.notFound("the console has no file '" + name + "'");
        }
        // Revalidated on each load: a new deployment's files replace the old ones at once.
        return Response.ok(in, type).header("Cache-Control", "no-cache").build();
    }
}
