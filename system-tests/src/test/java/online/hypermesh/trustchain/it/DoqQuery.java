package online.hypermesh.trustchain.it;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

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

/**
 * One DNS-over-QUIC exchange (RFC 9250) with Netty's QUIC codec: ALPN "doq", the server's certificate
 * verified against a trusted root and a host name (SNI), the query on one bidirectional stream with
 * a 2-byte length prefix and FIN, the answer read until the server's FIN.
 */
final class DoqQuery {
    private DoqQuery() {
    }

    static byte[] ask(InetSocketAddress server, String serverName, X509Certificate trustedRoot, byte[] dnsMessage) throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            QuicSslContext ssl = QuicSslContextBuilder.forClient().trustManager(trustedRoot).applicationProtocols("doq").build();
            Channel udp = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                    .handler(new QuicClientCodecBuilder()
                            .sslContext(ssl)
                            .sslEngineProvider(ch -> ssl.newEngine(ch.alloc(), serverName, server.getPort()))
                            .maxIdleTimeout(10, TimeUnit.SECONDS)
                            .initialMaxData(1 << 20)
                            .initialMaxStreamDataBidirectionalLocal(1 << 16)
                            .initialMaxStreamDataBidirectionalRemote(1 << 16)
                            .build())
                    .bind(new InetSocketAddress(server.getAddress(), 0)).sync().channel();
            QuicChannel quic = QuicChannel.newBootstrap(udp)
                    .streamHandler(new ChannelInboundHandlerAdapter())
                    .remoteAddress(server)
                    .connect().get(10, TimeUnit.SECONDS);
            try {
                CompletableFuture<byte[]> response = new CompletableFuture<>();
                ByteArrayOutputStream received = new ByteArrayOutputStream();
                QuicStreamChannel stream = quic.createStream(QuicStreamType.BIDIRECTIONAL, new ChannelInboundHandlerAdapter() {
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
                            response.complete(received.toByteArray());
                        }
                    }

                    @Override
                    public void channelInactive(ChannelHandlerContext ctx) {
                        response.complete(received.toByteArray());
                    }
                }).get(5, TimeUnit.SECONDS);
                stream.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
                byte[] framed = new byte[dnsMessage.length + 2];
                framed[0] = (byte) (dnsMessage.length >>> 8);
                framed[1] = (byte) dnsMessage.length;
                System.arraycopy(dnsMessage, 0, framed, 2, dnsMessage.length);
                stream.writeAndFlush(Unpooled.wrappedBuffer(framed)).addListener(QuicStreamChannel.SHUTDOWN_OUTPUT);
                byte[] raw = response.get(10, TimeUnit.SECONDS);
                if (raw.length < 2) {
                    throw new AssertionError("the DoQ stream ended without a response");
                }
                int length = ((raw[0] & 0xFF) << 8) | (raw[1] & 0xFF);
                return Arrays.copyOfRange(raw, 2, Math.min(raw.length, 2 + length));
            } finally {
                quic.close().sync();
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
