package dev.compressor.quant.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.encoding.CorruptTensorException;
import dev.compressor.api.encoding.TensorEncodings;
import dev.compressor.api.tensor.FloatTensor;
import dev.compressor.api.tensor.TensorLayout;
import dev.compressor.quant.ChannelSplit;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LinearIntEncodingTest {

    private static final TensorLayout LAYOUT = TensorLayout.of('f', 37, 11);

    private static LinearIntEncoder encoder(int bits) {
        float[] scale = new float[11];
        int[] zp = new int[11];
        for (int c = 0; c < 11; c++) {
            scale[c] = 0.01f * (c + 1);
            zp[c] = (1 << (bits - 1)) - 1;
        }
        return new LinearIntEncoder(bits, ChannelSplit.of(LAYOUT, 1), scale, zp, "test");
    }

    private static float[] onGrid(LinearIntEncoder enc, int bits, long seed) {
        float[] raw = new float[LAYOUT.length()];
        Random rnd = new Random(seed);
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (float) rnd.nextGaussian() * 0.3f;
        }
        byte[] blob = enc.quantize(new FloatTensor(LAYOUT, raw), (1 << bits) - 1);
        float[] values = new float[raw.length];
        decode(blob, values);
        return values;
    }

    private static void decode(byte[] blob, float[] dest) {
        try {
            TensorEncodings.installed().decode(LinearIntEncoding.ID, 1, ByteBuffer.wrap(blob).asReadOnlyBuffer(),
                    LAYOUT, dest, 0);
        } catch (CorruptTensorException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void isRegisteredAndDecodesEveryWidthBitForBit() {
        assertTrue(TensorEncodings.installed().find(LinearIntEncoding.ID).isPresent());
        for (int bits = 1; bits <= 16; bits++) {
            LinearIntEncoder enc = encoder(Math.max(bits, 2));
            int b = Math.max(bits, 2);
            float[] values = onGrid(enc, b, bits);
            byte[] blob = enc.encode(new FloatTensor(LAYOUT, values));
            float[] back = new float[values.length];
            decode(blob, back);
            assertArrayEquals(values, back, "bits " + b);
            assertEquals(LinearIntEncoding.FIXED_HEADER + 8 * 11 + BitPacking.packedBytes(LAYOUT.length(), b),
                    blob.length);
        }
    }

    @Test
    void decodesAnyRange() throws CorruptTensorException {
        LinearIntEncoder enc = encoder(5);
        float[] values = onGrid(enc, 5, 3);
        byte[] blob = enc.encode(new FloatTensor(LAYOUT, values));
        for (int[] r : new int[][] {{0, 1}, {3, 40}, {37, 74}, {100, LAYOUT.length()}}) {
            float[] part = new float[r[1] - r[0] + 2];
            LinearIntEncoding.decodeRange(ByteBuffer.wrap(blob), LAYOUT, r[0], r[1], part, 2);
            for (int i = r[0]; i < r[1]; i++) {
                assertEquals(values[i], part[2 + i - r[0]]);
            }
        }
    }

    @Test
    void encodeRejectsValuesOffTheGrid() {
        LinearIntEncoder enc = encoder(8);
        float[] values = onGrid(enc, 8, 5);
        values[17] += 1e-4f;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> enc.encode(new FloatTensor(LAYOUT, values)));
        assertTrue(e.getMessage().contains("at index 17"), e.getMessage());
    }

    @Test
    void corruptBlobsFailWithReasons() {
        LinearIntEncoder enc = encoder(8);
        byte[] good = enc.encode(new FloatTensor(LAYOUT, onGrid(enc, 8, 1)));
        assertCorrupt(java.util.Arrays.copyOf(good, good.length - 1), "must be");
        assertCorrupt(java.util.Arrays.copyOf(good, 5), "shorter than its header");
        byte[] badBits = good.clone();
        badBits[0] = 17;
        assertCorrupt(badBits, "bits 17");
        byte[] badScale = good.clone();
        ByteBuffer.wrap(badScale).order(ByteOrder.LITTLE_ENDIAN).putFloat(16, Float.NaN);
        assertCorrupt(badScale, "scale NaN");
        byte[] badSplit = good.clone();
        ByteBuffer.wrap(badSplit).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 2);
        assertCorrupt(badSplit, "does not fit");
    }

    private static void assertCorrupt(byte[] blob, String expected) {
        CorruptTensorException e = assertThrows(CorruptTensorException.class, () -> TensorEncodings.installed()
                .decode(LinearIntEncoding.ID, 1, ByteBuffer.wrap(blob), LAYOUT, new float[LAYOUT.length()], 0));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void perTensorEncoderStoresAnyVectorLength() {
        LinearIntEncoder enc = new LinearIntEncoder(4, ChannelSplit.perTensor(1), new float[] {0.5f}, new int[] {7}, "t");
        float[] v = {0f, 0.5f, -3.5f, 4f, 1.5f};
        byte[] blob = enc.encode(new FloatTensor(TensorLayout.vector(5), v));
        float[] back = new float[5];
        try {
            TensorEncodings.installed().decode(LinearIntEncoding.ID, 1, ByteBuffer.wrap(blob), TensorLayout.vector(5),
                    back, 0);
        } catch (CorruptTensorException e) {
            throw new AssertionError(e);
        }
        assertArrayEquals(v, back);
        assertEquals(new ChannelSplit(1, 1, 5), ChannelSplit.of(TensorLayout.vector(5), -1));
    }
}
