package online.hypermesh.trustchain.launcher;

import java.net.URI;

/**
 * The public URLs. WildFly's HTTPS port is 8443; a port offset (WildFly's
 * jboss.socket.binding.port-offset) shifts all its ports, e.g. to run a second instance.
 */
record Endpoints(int portOffset) {
    static final int HTTPS_PORT = 8443;

    int httpsPort() {
        return HTTPS_PORT + portOffset;
    }

    /** WildFly's default listeners: HTTPS (the API), HTTP, management. */
    int[] wildflyPorts() {
        return new int[] {httpsPort(), 8080 + portOffset, 9990 + portOffset};
    }

    URI base() {
        return URI.create("https://[::1]:" + httpsPort() + "/");
    }

    URI health() {
        return base().resolve("health");
    }

    URI apiBase() {
        return base().resolve("api/v1/");
    }
}
