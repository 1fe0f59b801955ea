package online.hypermesh.trustchain.doq.quic;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import online.hypermesh.trustchain.doq.zone.DnsWireHandler;
import tech.kwik.core.QuicConnection;
import tech.kwik.core.QuicStream;
import tech.kwik.core.log.NullLogger;
import tech.kwik.core.server.ApplicationProtocolConnection;
import tech.kwik.core.server.ApplicationProtocolConnectionFactory;
import tech.kwik.core.server.ServerConnectionConfig;
import tech.kwik.core.server.ServerConnector;

/**
 * DNS-over-QUIC server (RFC 9250) on Kwik. Each client stream is served on the supplied executor,
 * because Kwik's stream reads block and Kwik's own threads must stay free to drive the connection.
 *
 * <p>Kwik 0.10.8 cannot swap the certificate of a running listener: the connector copies the key
 * and chain into a {@code TlsServerEngineFactory} when it is built (private final fields, no setter),
 * hands that factory to its {@code ServerConnectionFactory} (final field), and owns the only receive
 * loop on the socket. A second connector cannot share the port either: without a demultiplexer that
 * knows every connection ID (including those issued later in encrypted NEW_CONNECTION_ID frames),
 * packets of existing connections cannot be told apart from new ones. So {@link #replaceCertificate}
 * prepares the new credentials first (a bad key or chain fails before anything stops), then closes
 * the connector and starts a new one on the same address: open connections are dropped and clients
 * reconnect; the gap is the connector restart.
 */
public final class DoqServer implements AutoCloseable {

    public static final String ALPN = "doq";
    private static final String KEY_ALIAS = "doq";
    private static final char[] KEY_PASSWORD = "in-memory-only".toCharArray();
    /** Clients may open one unidirectional stream so we can see it and close with DOQ_PROTOCOL_ERROR (RFC 9250 4.2). */
    private static final int UNIDIRECTIONAL_STREAMS_TO_DETECT = 1;

    private final DoqConfig config;
    private final DoqStreamHandler streams;
    private final Executor workers;
    private ServerConnector connector;
    private DatagramSocket socket;
    private InetSocketAddress localAddress;

    public DoqServer(DoqConfig config, DnsWireHandler handler, Executor workers) {
        this.config = Objects.requireNonNull(config, "config");
        this.streams = new DoqStreamHandler(Objects.requireNonNull(handler, "handler"));
        this.workers = Objects.requireNonNull(workers, "workers");
    }

    /** The TLS key and chain in the form Kwik takes them, prepared before any listener is touched. */
    private record Credentials(KeyStore keyStore, String curve) {
        static Credentials of(PrivateKey key, List<X509Certificate> chain) throws IOException, GeneralSecurityException {
            return new Credentials(DoqServer.keyStore(key, chain), DoqServer.curveOf(key));
        }
    }

    /** Starts listening with the given key and certificate chain (leaf first). */
    public synchronized void start(PrivateKey key, List<X509Certificate> chain) throws IOException, GeneralSecurityException {
        if (connector != null) {
            throw new IllegalStateException("already started");
        }
        start(Credentials.of(key, chain));
    }

    private void start(Credentials credentials) throws IOException, GeneralSecurityException {
        InetSocketAddress bind = localAddress != null ? localAddress : config.bindAddress();
        DatagramSocket socket = bind(bind);
        try {
            connector = buildConnector(socket, credentials);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            socket.close();
            throw e;
        }
        localAddress = (InetSocketAddress) socket.getLocalSocketAddress();
        this.socket = socket;
        connector.start();
    }

    /**
     * Binds the UDP socket. On a restart the previous socket may still be closing in Kwik's
     * receiver thread, so a busy address is retried for up to a second before giving up.
     */
    private static DatagramSocket bind(InetSocketAddress address) throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                return new DatagramSocket(address);
            } catch (java.net.BindException e) {
                if (attempt >= 20 || address.getPort() == 0) {
                    throw e;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Restarts on the same address with a new certificate (see class comment for why connections drop). */
    public synchronized void replaceCertificate(PrivateKey key, List<X509Certificate> chain)
            throws IOException, GeneralSecurityException {
        Credentials next = Credentials.of(key, chain);
        stopConnector();
        start(next);
    }

    public synchronized InetSocketAddress localAddress() {
        if (localAddress == null) {
            throw new IllegalStateException("not started");
        }
        return localAddress;
    }

    @Override
    public synchronized void close() {
        stopConnector();
    }

    private void stopConnector() {
        if (connector != null) {
            connector.close();
            connector = null;
        }
        if (socket != null) {
            // Ours: close it here rather than rely on Kwik's receiver thread, so the port is free at once.
            socket.close();
            socket = null;
        }
    }

    private ServerConnector buildConnector(DatagramSocket socket, Credentials credentials)
            throws IOException, GeneralSecurityException {
        ServerConnectionConfig connectionConfig = ServerConnectionConfig.builder()
                .maxIdleTimeoutInSeconds(Math.toIntExact(config.idleTimeout().toSeconds()))
                .maxOpenPeerInitiatedBidirectionalStreams(config.maxStreamsPerConnection())
                .maxOpenPeerInitiatedUnidirectionalStreams(UNIDIRECTIONAL_STREAMS_TO_DETECT)
                .retryRequired(config.retryRequired())
                .build();
        ServerConnector.Builder builder = ServerConnector.builder().withSocket(socket);
        if (credentials.curve() == null) {
            builder.withKeyStore(credentials.keyStore(), KEY_ALIAS, KEY_PASSWORD);
        } else {
            builder.withKeyStore(credentials.keyStore(), KEY_ALIAS, KEY_PASSWORD, credentials.curve());
        }
        ServerConnector built = builder
                .withConfiguration(connectionConfig)
                .withLogger(new NullLogger())
                .build();
        built.registerApplicationProtocol(ALPN, new ConnectionFactory());
        return built;
    }

    /** Kwik only takes keys through a KeyStore (or PEM files); an in-memory one avoids touching disk. */
    private static KeyStore keyStore(PrivateKey key, List<X509Certificate> chain)
            throws IOException, GeneralSecurityException {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("certificate chain is empty");
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry(KEY_ALIAS, key, KEY_PASSWORD, chain.toArray(new X509Certificate[0]));
        return ks;
    }

    /** Kwik needs the EC curve name for ECDSA keys to pick the signature scheme; RSA keys need none. */
    private static String curveOf(PrivateKey key) {
        if (key instanceof java.security.interfaces.ECPrivateKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            return switch (bits) {
                case 256 -> "secp256r1";
                case 384 -> "secp384r1";
                case 521 -> "secp521r1";
                default -> throw new IllegalArgumentException("unsupported EC key size " + bits);
            };
        }
        return null;
    }

    private final class ConnectionFactory implements ApplicationProtocolConnectionFactory {
        @Override
        public ApplicationProtocolConnection createConnection(String protocol, QuicConnection connection) {
            return new ApplicationProtocolConnection() {
                @Override
                public void acceptPeerInitiatedStream(QuicStream stream) {
                    try {
                        workers.execute(() -> streams.serve(connection, stream));
                    } catch (RejectedExecutionException e) {
                        // RFC 9250 4.3: tell the client to back off rather than leave the stream hanging.
                        stream.resetStream(DoqErrorCodes.DOQ_EXCESSIVE_LOAD);
                    }
                }
            };
        }

        @Override
        public int maxConcurrentPeerInitiatedBidirectionalStreams() {
            return config.maxStreamsPerConnection();
        }

        @Override
        public int maxConcurrentPeerInitiatedUnidirectionalStreams() {
            return UNIDIRECTIONAL_STREAMS_TO_DETECT;
        }
    }
}
