package online.hypermesh.trustchain.ct.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class ParallelSigningTest {

    /** "Signs" by reversing the input, and counts its calls. */
    private static final class ReversingSigner implements LogSigner {
        final AtomicInteger calls = new AtomicInteger();
        final int failAt;

        ReversingSigner(int failAt) {
            this.failAt = failAt;
        }

        @Override
        public PublicKey publicKey() {
            throw new UnsupportedOperationException();
        }

        @Override
        public byte[] sign(byte[] message) {
            calls.incrementAndGet();
            if (ByteBuffer.wrap(message).getInt() == failAt) {
                throw new IllegalStateException("token failed at " + failAt);
            }
            byte[] out = new byte[message.length];
            for (int i = 0; i < message.length; i++) {
                out[i] = message[message.length - 1 - i];
            }
            return out;
        }
    }

    private static List<byte[]> inputs(int n) {
        List<byte[]> inputs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            inputs.add(ByteBuffer.allocate(8).putInt(i).putInt(~i).array());
        }
        return inputs;
    }

    private static void assertSignedInOrder(List<byte[]> inputs, byte[][] out) {
        for (int i = 0; i < inputs.size(); i++) {
            byte[] expected = new byte[8];
            for (int k = 0; k < 8; k++) {
                expected[k] = inputs.get(i)[7 - k];
            }
            assertArrayEquals(expected, out[i], "signature " + i);
        }
    }

    @Test
    void callerAlone_signsEverySliceWhenNoHelperEverRuns() {
        List<byte[]> inputs = inputs(1000);
        byte[][] out = new byte[inputs.size()][];
        ReversingSigner signer = new ReversingSigner(-1);
        ParallelSigning job = new ParallelSigning(signer, inputs, out, 4);

        job.work();
        job.awaitAll();

        assertSignedInOrder(inputs, out);
        assertEquals(1000, signer.calls.get());
    }

    @Test
    void helpers_shareTheWorkAndEachInputIsSignedExactlyOnce() throws Exception {
        List<byte[]> inputs = inputs(5003);
        byte[][] out = new byte[inputs.size()][];
        ReversingSigner signer = new ReversingSigner(-1);
        ParallelSigning job = new ParallelSigning(signer, inputs, out, 4);
        List<Thread> helpers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Thread t = new Thread(job::work);
            helpers.add(t);
            t.start();
        }
        job.work();
        job.awaitAll();

        assertSignedInOrder(inputs, out);
        assertEquals(5003, signer.calls.get());
        for (Thread t : helpers) {
            t.join();
        }
        assertEquals(5003, signer.calls.get(), "a late helper finds nothing left to sign");
    }

    @Test
    void aFailingSignature_isRethrownToTheCaller() throws Exception {
        List<byte[]> inputs = inputs(500);
        ReversingSigner signer = new ReversingSigner(321);
        ParallelSigning job = new ParallelSigning(signer, inputs, new byte[inputs.size()][], 2);
        Thread helper = new Thread(job::work);
        helper.start();
        job.work();

        IllegalStateException e = assertThrows(IllegalStateException.class, job::awaitAll);
        assertEquals("token failed at 321", e.getMessage());
        helper.join();
        assertSame(IllegalStateException.class, e.getClass());
    }
}
