package dev.compressor.api.encoding.entropy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.encoding.CorruptTensorException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RansCoderTest {

    private static int[] skewed(SplittableRandom r, int count, int alphabet, double decay) {
        int[] s = new int[count];
        for (int i = 0; i < count; i++) {
            int v = (int) Math.floor(-Math.log(1 - r.nextDouble()) * decay);
            s[i] = Math.min(alphabet - 1, v);
        }
        return s;
    }

    private static int[] decode(byte[] stream, int count, int maxAlphabet) throws CorruptTensorException {
        int[] out = new int[count];
        ByteBuffer in = ByteBuffer.wrap(stream);
        RansCoder.decode(in, out, 0, count, maxAlphabet);
        assertEquals(stream.length, in.position(), "decoder stops at the stream's end");
        return out;
    }

    @Test
    void roundTripsRandomStreamsOfManyShapes() throws CorruptTensorException {
        SplittableRandom r = new SplittableRandom(7);
        int[] alphabets = {1, 2, 3, 32, 256, 4096, 65536};
        int[] counts = {0, 1, 2, 5, 100, 10_000, 200_000};
        for (int a : alphabets) {
            for (int n : counts) {
                double decay = 0.3 + r.nextDouble() * a / 4.0;
                int[] s = skewed(r, n, a, decay);
                byte[] coded = RansCoder.encode(s, 0, n, a);
                assertArrayEquals(s, decode(coded, n, a), "alphabet " + a + ", count " + n);
            }
        }
    }

    @Test
    void roundTripsBytesAndStopsAtTheStreamEndInsideALargerBuffer() throws CorruptTensorException {
        SplittableRandom r = new SplittableRandom(3);
        byte[] data = new byte[50_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (r.nextDouble() < 0.9 ? 0 : r.nextInt(256));
        }
        byte[] coded = RansCoder.encodeBytes(data, 0, data.length);
        ByteBuffer in = ByteBuffer.allocate(coded.length + 10).put(coded).put(new byte[10]).flip();
        byte[] out = new byte[data.length];
        RansCoder.decodeBytes(in, out, 0, data.length);
        assertArrayEquals(data, out);
        assertEquals(coded.length, in.position());
    }

    @Test
    void codesWithinOnePercentOfTheEmpiricalEntropyPlusItsTable() {
        SplittableRandom r = new SplittableRandom(11);
        int n = 1_000_000;
        int[] s = skewed(r, n, 32, 4.0);
        long[] counts = new long[32];
        for (int v : s) {
            counts[v]++;
        }
        double entropyBytes = EmpiricalEntropy.bits(counts) / 8;
        byte[] coded = RansCoder.encode(s, 0, n, 32);
        assertTrue(coded.length <= entropyBytes * 1.01 + 200, coded.length + " bytes for an entropy of "
                + entropyBytes);
        assertTrue(coded.length >= entropyBytes, "no coder beats the empirical entropy of its own model");
    }

    @Test
    void bernoulliMaskBytesCostAtMostTheMaskEntropy() {
        SplittableRandom r = new SplittableRandom(5);
        int bits = 8 * 200_000;
        byte[] mask = new byte[bits / 8];
        long ones = 0;
        for (int i = 0; i < bits; i++) {
            if (r.nextDouble() < 0.04) {
                mask[i >>> 3] |= (byte) (1 << (i & 7));
                ones++;
            }
        }
        double bound = EmpiricalEntropy.maskBits(bits, ones) / 8;
        byte[] coded = RansCoder.encodeBytes(mask, 0, mask.length);
        assertTrue(coded.length <= bound * 1.02 + 600, coded.length + " bytes for a mask entropy of " + bound);
    }

    @Test
    void isDeterministic() {
        int[] s = skewed(new SplittableRandom(1), 30_000, 256, 20);
        assertArrayEquals(RansCoder.encode(s, 0, s.length, 256), RansCoder.encode(s.clone(), 0, s.length, 256));
    }

    @Test
    void encodesASubrange() throws CorruptTensorException {
        int[] s = skewed(new SplittableRandom(2), 1000, 16, 3);
        byte[] coded = RansCoder.encode(s, 100, 500, 16);
        assertArrayEquals(Arrays.copyOfRange(s, 100, 600), decode(coded, 500, 16));
    }

    @Test
    void rejectsSymbolsOutsideTheAlphabet() {
        assertThrows(IllegalArgumentException.class, () -> RansCoder.encode(new int[] {0, 5}, 0, 2, 5));
        assertThrows(IllegalArgumentException.class, () -> RansCoder.encode(new int[] {-1}, 0, 1, 5));
        assertThrows(IllegalArgumentException.class, () -> RansCoder.encode(new int[] {0}, 0, 1, RansCoder.MAX_ALPHABET + 1));
    }

    @Test
    void rejectsAnAlphabetLargerThanTheCallerAccepts() {
        byte[] coded = RansCoder.encode(new int[] {0, 1, 200}, 0, 3, 256);
        assertThrows(CorruptTensorException.class, () -> decode(coded, 3, 32));
    }

    @Test
    void rejectsAWrongCount() {
        int[] s = skewed(new SplittableRandom(4), 5000, 64, 6);
        byte[] coded = RansCoder.encode(s, 0, s.length, 64);
        assertThrows(CorruptTensorException.class, () -> decode(coded, s.length + 1, 64));
        assertThrows(CorruptTensorException.class, () -> decode(coded, s.length - 1, 64));
        byte[] single = RansCoder.encode(new int[] {3, 3, 3}, 0, 3, 4);
        assertThrows(CorruptTensorException.class, () -> decode(single, 0, 4));
    }

    @Test
    void everyTruncationIsReportedAsCorrupt() {
        int[] s = skewed(new SplittableRandom(9), 3000, 32, 4);
        byte[] coded = RansCoder.encode(s, 0, s.length, 32);
        for (int len = 0; len < coded.length; len++) {
            byte[] cut = Arrays.copyOf(coded, len);
            assertThrows(CorruptTensorException.class, () -> decode(cut, s.length, 32), "length " + len);
        }
    }

    @Test
    void randomCorruptionNeverEscapesAsAnotherException() {
        SplittableRandom r = new SplittableRandom(13);
        int[] s = skewed(r, 4000, 256, 30);
        byte[] coded = RansCoder.encode(s, 0, s.length, 256);
        int detected = 0;
        for (int trial = 0; trial < 2000; trial++) {
            byte[] bad = coded.clone();
            int flips = 1 + r.nextInt(3);
            for (int f = 0; f < flips; f++) {
                bad[r.nextInt(bad.length)] ^= (byte) (1 + r.nextInt(255));
            }
            try {
                decode(bad, s.length, 256);
            } catch (CorruptTensorException e) {
                detected++;
            }
        }
        assertTrue(detected > 1900, "the end-state check detects nearly every corruption: " + detected);
    }

    @Test
    void entropyOfCounts() {
        assertEquals(0, EmpiricalEntropy.bits(new long[] {5}), 1e-12);
        assertEquals(4, EmpiricalEntropy.bits(new long[] {2, 2}), 1e-12);
        assertEquals(100 * (-(0.25 * Math.log(0.25) + 0.75 * Math.log(0.75)) / Math.log(2)),
                EmpiricalEntropy.maskBits(100, 25), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> EmpiricalEntropy.maskBits(3, 4));
        assertThrows(IllegalArgumentException.class, () -> EmpiricalEntropy.bits(new long[] {1, -1}));
    }
}
