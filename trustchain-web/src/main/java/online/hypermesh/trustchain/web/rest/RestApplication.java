package online.hypermesh.trustchain.web.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Root path "/": the WAR's context root is "/" too, so paths are exactly those of API.md. */
@ApplicationPath("/")
public class RestApplication extends Application {
}
