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

import online.hypermesh.trustchain.ct.entry.SignedEntry;
import online.hypermesh.trustchain.ct.sct.CertificateTimestampInput;

class ParallelSigningTest {

    /** "Signs" by reversing the encoded input, and counts its calls; fails on the input whose timestamp is {@code failAt}. */
    private static final class ReversingSigner extends EncodingLogSigner {
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
        protected byte[] signEncoded(byte[] message) {
            calls.incrementAndGet();
            // An SCT input is sct_version (1 byte), signature_type (1 byte), then the 8-byte timestamp.
            if (ByteBuffer.wrap(message, 2, 8).getLong() == failAt) {
                throw new IllegalStateException("token failed at " + failAt);
            }
            return reversed(message);
        }
    }

    private static byte[] reversed(byte[] message) {
        byte[] out = new byte[message.length];
        for (int i = 0; i < message.length; i++) {
            out[i] = message[message.length - 1 - i];
        }
        return out;
    }

    private static List<CertificateTimestampInput> inputs(int n) {
        List<CertificateTimestampInput> inputs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            inputs.add(new CertificateTimestampInput(i, SignedEntry.x509(new byte[] {(byte) i, (byte) ~i}), new byte[0]));
        }
        return inputs;
    }

    private static void assertSignedInOrder(List<CertificateTimestampInput> inputs, byte[][] out) {
        for (int i = 0; i < inputs.size(); i++) {
            assertArrayEquals(reversed(inputs.get(i).encode()), out[i], "signature " + i);
        }
    }

    @Test
    void callerAlone_signsEverySliceWhenNoHelperEverRuns() {
        List<CertificateTimestampInput> inputs = inputs(1000);
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
        List<CertificateTimestampInput> inputs = inputs(5003);
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
        List<CertificateTimestampInput> inputs = inputs(500);
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
