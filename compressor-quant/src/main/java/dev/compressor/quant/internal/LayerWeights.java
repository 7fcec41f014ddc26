package dev.compressor.quant.internal;

import dev.compressor.api.artifact.ArtifactTensor;
import dev.compressor.api.encoding.CorruptTensorException;
import dev.compressor.api.encoding.HalfPrecision;
import dev.compressor.api.encoding.TensorEncodings;
import dev.compressor.api.tensor.TensorLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;

/**
 * The encoded parameter tensors of one resident layer, as the artifact stores them, and how to
 * expand them: all at once into the layer's slot of the scratch buffer, or one element range of
 * one tensor (for tiles). Immutable; decoding is thread-safe.
 */
final class LayerWeights {

    /**
     * One tensor: its artifact entry, blob, offset inside the layer's parameter block, and its codes
     * parsed once when the encoding is {@code linear-int} (else null).
     */
    record Entry(ArtifactTensor tensor, ByteBuffer blob, int offset, PackedCodes packed) {
        int length() {
            return tensor.info().length();
        }
    }

    private final Map<String, Entry> byKey;
    private final int length;

    /** @param byKey entries by parameter key; offsets tile {@code [0, length)} */
    LayerWeights(Map<String, Entry> byKey, int length) {
        this.byKey = Map.copyOf(byKey);
        this.length = length;
    }

    /** Elements of all tensors together. */
    int length() {
        return length;
    }

    Entry entry(String key) {
        return byKey.get(key);
    }

    /** Bytes of the blobs held. */
    long encodedBytes() {
        long n = 0;
        for (Entry e : byKey.values()) {
            n += e.blob().capacity();
        }
        return n;
    }

    /**
     * Expands every tensor into the scratch buffer at its offset: in chunks through the staging
     * buffer where the encoding decodes ranges, whole (through a temporary array) otherwise.
     */
    void expandInto(Scratch scratch) {
        float[] chunk = scratch.chunk();
        for (Entry e : byKey.values()) {
            ArtifactTensor t = e.tensor();
            int n = e.length();
            if (e.packed() != null || rangeDecodable(t.encodingId())) {
                expandRange(e, 0, n, scratch, e.offset());
            } else {
                float[] whole = new float[n];
                try {
                    TensorEncodings.installed().decode(t.encodingId(), t.encodingVersion(), e.blob().duplicate(),
                            t.info().layout(), whole, 0);
                } catch (CorruptTensorException ex) {
                    throw new IllegalStateException("tensor '" + t.info().name() + "' no longer decodes: "
                            + ex.getMessage(), ex);
                }
                scratch.upload(whole, n, e.offset());
            }
        }
    }

    /** Whether every tensor decodes by ranges ({@link #decodeRange}), as tiles and groups need. */
    boolean decodableByRanges() {
        for (Entry e : byKey.values()) {
            if (e.packed() == null && !rangeDecodable(e.tensor().encodingId())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether every tensor decodes by ranges and its length is a multiple of {@code nOut} (so that
     * output channels split it in runs that {@link #expandChannels} can expand).
     */
    boolean splitsByChannel(int nOut) {
        if (!decodableByRanges()) {
            return false;
        }
        for (Entry e : byKey.values()) {
            if (e.length() % nOut != 0 || e.offset() % nOut != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Expands output channels {@code [c0, c1)} of every tensor into the scratch buffer from element 0,
     * laid out as the parameters of the same layer with {@code c1 - c0} output channels: each tensor's
     * run of those channels at its offset scaled to the group ({@code offset / nOut * (c1 - c0)}).
     */
    void expandChannels(Scratch scratch, int c0, int c1, int nOut) {
        for (Entry e : byKey.values()) {
            int per = e.length() / nOut;
            expandRange(e, c0 * per, c1 * per, scratch, (long) e.offset() / nOut * (c1 - c0));
        }
    }

    /**
     * Expands elements {@code [from, to)} of one tensor into the scratch buffer from element {@code at},
     * one staging chunk at a time.
     */
    static void expandRange(Entry e, int from, int to, Scratch scratch, long at) {
        float[] chunk = scratch.chunk();
        for (int a = from; a < to; a += chunk.length) {
            int b = Math.min(to, a + chunk.length);
            decodeRange(e, a, b, chunk, scratch);
            scratch.upload(chunk, b - a, at + a - from);
        }
    }

    /** Whether {@link #decodeRange} supports this tensor's encoding. */
    static boolean rangeDecodable(String encodingId) {
        return List.of(LinearIntEncoding.ID, CodebookEncoding.ID, "dense-f32", "dense-f16", "dense-bf16")
                .contains(encodingId);
    }

    /**
     * Decodes elements {@code [from, to)} of one tensor into {@code dest[0..)}: from its parsed
     * codes in this thread where it has them (no parsing, no allocation), else through its encoding.
     */
    static void decodeRange(Entry e, int from, int to, float[] dest, Scratch scratch) {
        if (e.packed() != null) {
            e.packed().decode(from, to, dest, 0,
                    e.packed().bits() == 8 ? null : scratch.codes(PackedCodes.UNPACK_CHUNK));
            return;
        }
        decodeRange(e, from, to, dest);
    }

    /** Decodes elements {@code [from, to)} of one tensor into {@code dest[0..)} through its encoding. */
    static void decodeRange(Entry e, int from, int to, float[] dest) {
        ArtifactTensor t = e.tensor();
        TensorLayout layout = t.info().layout();
        ByteBuffer blob = e.blob().duplicate().order(ByteOrder.LITTLE_ENDIAN);
        try {
            switch (t.encodingId()) {
                case LinearIntEncoding.ID -> LinearIntEncoding.decodeRange(blob, layout, from, to, dest, 0);
                case CodebookEncoding.ID -> CodebookEncoding.decodeRange(blob, layout, from, to, dest, 0);
                case "dense-f32" -> blob.asFloatBuffer().get(from, dest, 0, to - from);
                case "dense-f16" -> {
                    for (int i = from; i < to; i++) {
                        dest[i - from] = HalfPrecision.fromHalf(blob.getShort(2 * i));
                    }
                }
                case "dense-bf16" -> {
                    for (int i = from; i < to; i++) {
                        dest[i - from] = HalfPrecision.fromBfloat16(blob.getShort(2 * i));
                    }
                }
                default -> throw new IllegalStateException("no range decoding for " + t.encodingId());
            }
        } catch (CorruptTensorException ex) {
            throw new IllegalStateException("tensor '" + t.info().name() + "' no longer decodes: " + ex.getMessage(), ex);
        }
    }
}
