package online.hypermesh.trustchain.web.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The framework's own errors (unknown path 404, wrong method 405, unsupported media type 415...) as problem+json. */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original.getStatus();
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "HTTP " + status : type.getReasonPhrase();
        String detail = switch (status) {
            case 404 -> "no resource at this path; see API.md for the paths TrustChain serves";
            case 405 -> "this method is not allowed on this path";
            case 406 -> "none of the media types in Accept can be produced here";
            case 415 -> "unsupported Content-Type; send application/json or application/pkcs10";
            default -> e.getMessage() == null ? title : e.getMessage();
        };
        Response.ResponseBuilder builder = Response.status(status).type(Problem.PROBLEM_JSON)
                .entity(Problem.of(title.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'), title, status, detail));
        String allow = original.getHeaderString("Allow");
        if (allow != null) {
            builder.header("Allow", allow);
        }
        return builder.build();
    }
}
