package online.hypermesh.trustchain.doq.classic;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import online.hypermesh.trustchain.doq.zone.DnsWireHandler;

/**
 * Plain DNS on UDP and TCP at the same address and port. Threads come from the caller so that an
 * application server can hand in its managed executor and thread factory.
 */
public final class ClassicDnsServer implements AutoCloseable {

    private static final int EPHEMERAL_BIND_ATTEMPTS = 10;

    private final ClassicDnsConfig config;
    private final DnsWireHandler handler;
    private final ThreadFactory listenerThreads;
    private final Executor workers;
    private UdpDnsListener udp;
    private TcpDnsListener tcp;
    private InetSocketAddress localAddress;

    /**
     * @param listenerThreads makes the long-running UDP receive threads and the TCP accept thread
     * @param workers         runs UDP queries that wait on an upstream, and one task per TCP connection
     */
    public ClassicDnsServer(ClassicDnsConfig config, DnsWireHandler handler, ThreadFactory listenerThreads,
                            Executor workers) {
        this.config = Objects.requireNonNull(config, "config");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.listenerThreads = Objects.requireNonNull(listenerThreads, "listenerThreads");
        this.workers = Objects.requireNonNull(workers, "workers");
    }

    public synchronized void start() throws IOException {
        if (udp != null) {
            throw new IllegalStateException("already started");
        }
        Sockets sockets = bindBoth(config.bindAddress());
        localAddress = (InetSocketAddress) sockets.udp.getLocalSocketAddress();
        udp = new UdpDnsListener(sockets.udp, handler, workers, listenerThreads, config.udpReceiverThreads());
        tcp = new TcpDnsListener(sockets.tcp, handler, workers, listenerThreads,
                Math.toIntExact(config.tcpIdleTimeout().toMillis()), config.maxTcpConnections());
        udp.start();
        tcp.start();
    }

    /** The bound address; with port 0 in the config this is where to find the server. */
    public synchronized InetSocketAddress localAddress() {
        if (localAddress == null) {
            throw new IllegalStateException("not started");
        }
        return localAddress;
    }

    /** Open TCP connections right now, for monitoring and tests of the connection cap. */
    public synchronized int openTcpConnections() {
        return tcp == null ? 0 : tcp.openConnections();
    }

    @Override
    public synchronized void close() {
        if (udp != null) {
            udp.close();
            tcp.close();
            udp = null;
            tcp = null;
        }
    }

    private record Sockets(DatagramSocket udp, ServerSocket tcp) {
    }

    /** UDP picks the port first; TCP must then get the same one, retried when the port was ephemeral. */
    private static Sockets bindBoth(InetSocketAddress requested) throws IOException {
        int attempts = requested.getPort() == 0 ? EPHEMERAL_BIND_ATTEMPTS : 1;
        BindException last = null;
        for (int i = 0; i < attempts; i++) {
            DatagramSocket udp = new DatagramSocket(requested);
            try {
                ServerSocket tcp = new ServerSocket();
                tcp.setReuseAddress(true);
                try {
                    tcp.bind(new InetSocketAddress(requested.getAddress(), udp.getLocalPort()), 128);
                } catch (IOException e) {
                    tcp.close();
                    throw e;
                }
                return new Sockets(udp, tcp);
            } catch (BindException e) {
                udp.close();
                last = e;
            } catch (IOException | RuntimeException e) {
                udp.close();
                throw e;
            }
        }
        throw last;
    }
}
