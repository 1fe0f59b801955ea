package online.hypermesh.trustchain.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Fails early with a clear message when a port WildFly needs is taken. Otherwise WildFly starts,
 * logs a bind error deep in server.log, and the user waits for the readiness timeout.
 */
final class PortCheck {
    private PortCheck() {
    }

    static void requireFree(int... ports) {
        for (int port : ports) {
            if (!isFree(port)) {
                throw new LauncherException("Port " + port + " is already in use (another TrustChain or WildFly?).",
                        "Stop that process (find it with: ss -ltnp 'sport = :" + port + "') and start again.");
            }
        }
    }

    static boolean isFree(int port) {
        // The wildcard address (dual-stack) collides with listeners on any interface.
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // ignore sockets in TIME_WAIT from a just-stopped server
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
