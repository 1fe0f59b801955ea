package online.hypermesh.trustchain.bench.dns;

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
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamType;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * DoQ client side on Netty QUIC (quiche): opens connections that check the server certificate
 * against the given root and name, and sends one query per bidirectional stream (RFC 9250 4.2),
 * fully asynchronously so one event-loop thread can drive many streams.
 */
final class DoqConnections implements AutoCloseable {

    private final EventLoopGroup group;
    private final Channel udp;
    private final InetSocketAddress server;

    DoqConnections(InetSocketAddress server, Path rootCa, String serverName, int eventLoopThreads) throws Exception {
        this.server = server;
        this.group = new MultiThreadIoEventLoopGroup(eventLoopThreads, NioIoHandler.newFactory());
        QuicSslContext ssl = QuicSslContextBuilder.forClient().trustManager(readCertificate(rootCa))
                .applicationProtocols("doq").build();
        udp = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                .handler(new QuicClientCodecBuilder()
                        .sslContext(ssl)
                        .sslEngineProvider(ch -> ssl.newEngine(ch.alloc(), serverName, server.getPort()))
                        .maxIdleTimeout(30, TimeUnit.SECONDS)
                        .initialMaxData(1 << 24)
                        .initialMaxStreamDataBidirectionalLocal(1 << 16)
                        .initialMaxStreamDataBidirectionalRemote(1 << 16)
                        .build())
                .bind(new InetSocketAddress(server.getAddress(), 0)).sync().channel();
    }

    CompletableFuture<QuicChannel> connect() {
        CompletableFuture<QuicChannel> result = new CompletableFuture<>();
        QuicChannel.newBootstrap(udp).streamHandler(new ChannelInboundHandlerAdapter()).remoteAddress(server).connect()
                .addListener(f -> {
                    if (f.isSuccess()) {
                        result.complete((QuicChannel) f.getNow());
                    } else {
                        result.completeExceptionally(f.cause());
                    }
                });
        return result;
    }

    /** One DNS message on a new stream with FIN; completes with the response (unframed) when the server's FIN arrives. */
    static CompletableFuture<byte[]> exchange(QuicChannel quic, byte[] dnsMessage) {
        CompletableFuture<byte[]> response = new CompletableFuture<>();
        ByteBuf received = Unpooled.buffer(512);
        quic.createStream(QuicStreamType.BIDIRECTIONAL, new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                try {
                    received.writeBytes((ByteBuf) msg);
                } finally {
                    ReferenceCountUtil.release(msg);
                }
            }

            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                if (evt == ChannelInputShutdownReadComplete.INSTANCE) {
                    complete();
                }
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                complete();
            }

            private void complete() {
                if (response.isDone()) {
                    return;
                }
                if (received.readableBytes() < 2) {
                    response.completeExceptionally(new IOException("stream ended without a response"));
                } else {
                    int length = received.readUnsignedShort();
                    byte[] bytes = new byte[Math.min(length, received.readableBytes())];
                    received.readBytes(bytes);
                    response.complete(bytes);
                }
                received.release();
            }
        }).addListener(f -> {
            if (!f.isSuccess()) {
                response.completeExceptionally(f.cause());
                return;
            }
            QuicStreamChannel stream = (QuicStreamChannel) f.getNow();
            stream.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
            ByteBuf framed = stream.alloc().buffer(dnsMessage.length + 2);
            framed.writeShort(dnsMessage.length).writeBytes(dnsMessage);
            stream.writeAndFlush(framed).addListener(QuicStreamChannel.SHUTDOWN_OUTPUT);
        });
        return response;
    }

    private static X509Certificate readCertificate(Path pem) throws IOException, CertificateException {
        byte[] bytes = Files.readAllBytes(pem);
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(bytes));
    }

    @Override
    public void close() {
        udp.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
