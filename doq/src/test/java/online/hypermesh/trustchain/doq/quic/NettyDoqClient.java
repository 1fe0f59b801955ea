package online.hypermesh.trustchain.doq.quic;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ChannelInputShutdownReadComplete;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicClientCodecBuilder;
import io.netty.handler.codec.quic.QuicConnectionCloseEvent;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamType;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A minimal DoQ client on Netty's QUIC codec (quiche, BoringSSL): an implementation independent of
 * Kwik, so the interop test catches misreadings of RFC 9000/9250 that one stack would share with itself.
 */
public final class NettyDoqClient implements AutoCloseable {

    static final String SERVER_NAME = "trust.hypermesh.online";

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final QuicChannel quic;
    private final CompletableFuture<QuicConnectionCloseEvent> closedByPeer = new CompletableFuture<>();

    NettyDoqClient(InetSocketAddress server, X509Certificate trusted) throws Exception {
        this(server, SERVER_NAME, trusted);
    }

    /**
     * Connects to {@code server}, verifying its certificate against {@code trusted} and
     * {@code serverName} (SNI and endpoint identification) as a real client would.
     */
    public NettyDoqClient(InetSocketAddress server, String serverName, X509Certificate trusted) throws Exception {
        QuicSslContext ssl = QuicSslContextBuilder.forClient()
                .trustManager(trusted)
                .applicationProtocols(DoqServer.ALPN)
                .build();
        Channel udp = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                .handler(new QuicClientCodecBuilder()
                        .sslContext(ssl)
                        // Verify the certificate against the mesh name (SNI + HTTPS endpoint identification),
                        // as a real client would, instead of the bare [::1] literal we connect to.
                        .sslEngineProvider(ch -> ssl.newEngine(ch.alloc(), serverName, server.getPort()))
                        .maxIdleTimeout(10, TimeUnit.SECONDS)
                        .initialMaxData(1 << 20)
                        .initialMaxStreamDataBidirectionalLocal(1 << 16)
                        .initialMaxStreamDataBidirectionalRemote(1 << 16)
                        .build())
                .bind(new InetSocketAddress(server.getAddress(), 0)).sync().channel();
        quic = QuicChannel.newBootstrap(udp)
                .handler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                        if (evt instanceof QuicConnectionCloseEvent close) {
                            closedByPeer.complete(close);
                        }
                        ctx.fireUserEventTriggered(evt);
                    }
                })
                .streamHandler(new ChannelInboundHandlerAdapter())
                .remoteAddress(server)
                .connect().get(10, TimeUnit.SECONDS);
    }

    /** Sends one framed message on a new bidirectional stream with FIN; completes with the response bytes. */
    public CompletableFuture<byte[]> exchange(byte[] dnsMessage) throws Exception {
        byte[] framed = new byte[dnsMessage.length + 2];
        framed[0] = (byte) (dnsMessage.length >>> 8);
        framed[1] = (byte) dnsMessage.length;
        System.arraycopy(dnsMessage, 0, framed, 2, dnsMessage.length);
        return send(framed);
    }

    CompletableFuture<byte[]> send(byte[] rawStreamBytes) throws Exception {
        return send(QuicStreamType.BIDIRECTIONAL, rawStreamBytes);
    }

    CompletableFuture<byte[]> send(QuicStreamType type, byte[] rawStreamBytes) throws Exception {
        CompletableFuture<byte[]> response = new CompletableFuture<>();
        QuicStreamChannel stream = quic.createStream(type, new ResponseCollector(response, true)).get(5, TimeUnit.SECONDS);
        stream.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        stream.writeAndFlush(Unpooled.wrappedBuffer(rawStreamBytes)).addListener(QuicStreamChannel.SHUTDOWN_OUTPUT);
        return response;
    }

    /** The QUIC connection, to look at transport parameters and stream credit. */
    QuicChannel quic() {
        return quic;
    }

    /** A stream whose query is sent in two parts, so the test decides when the server may answer. */
    record OpenStream(QuicStreamChannel channel, CompletableFuture<byte[]> response) {
        /** Sends the rest of the query with FIN. */
        void finish(byte[] rest) {
            channel.writeAndFlush(Unpooled.wrappedBuffer(rest)).addListener(QuicStreamChannel.SHUTDOWN_OUTPUT);
        }
    }

    /** Opens a bidirectional stream and sends the first bytes without FIN. Fails when the peer grants no more streams. */
    OpenStream open(byte[] firstBytes) throws Exception {
        CompletableFuture<byte[]> response = new CompletableFuture<>();
        QuicStreamChannel stream = quic.createStream(QuicStreamType.BIDIRECTIONAL, new ResponseCollector(response, false))
                .get(5, TimeUnit.SECONDS);
        stream.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        stream.writeAndFlush(Unpooled.wrappedBuffer(firstBytes)).sync();
        return new OpenStream(stream, response);
    }

    /** Completes when the server closes the connection, carrying its error code. */
    CompletableFuture<QuicConnectionCloseEvent> closedByPeer() {
        return closedByPeer;
    }

    /**
     * Collects what the server sends on one stream and completes with the unframed response at the
     * server's FIN, or, if {@code completeOnClose}, also when the stream closes without one.
     */
    private static final class ResponseCollector extends ChannelInboundHandlerAdapter {
        private final CompletableFuture<byte[]> response;
        private final boolean completeOnClose;
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();

        ResponseCollector(CompletableFuture<byte[]> response, boolean completeOnClose) {
            this.response = response;
            this.completeOnClose = completeOnClose;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            try {
                byte[] bytes = new byte[buf.readableBytes()];
                buf.readBytes(bytes);
                received.writeBytes(bytes);
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt == ChannelInputShutdownReadComplete.INSTANCE) {
                response.complete(unframe(received.toByteArray()));
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (completeOnClose) {
                response.complete(unframe(received.toByteArray()));
            }
        }
    }

    private static byte[] unframe(byte[] stream) {
        if (stream.length < 2) {
            return new byte[0];
        }
        int length = ((stream[0] & 0xFF) << 8) | (stream[1] & 0xFF);
        return Arrays.copyOfRange(stream, 2, Math.min(stream.length, 2 + length));
    }

    @Override
    public void close() {
        quic.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
