package dev.compressor.api.encoding.entropy;

import dev.compressor.api.encoding.CorruptTensorException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * A static-model rANS coder (range asymmetric numeral systems, 64-bit state, 32-bit renormalisation):
 * a stream of symbols of a known count is coded within a few bytes of its order-0
 * {@link EmpiricalEntropy empirical entropy} plus the frequency table it carries.
 *
 * <p>Stream (little-endian), as written by {@link #encode(int[], int, int, int)} and
 * {@link #encodeBytes(byte[], int, int)}: the frequency table ({@code varint alphabet; varint m};
 * if {@code m > 0}: {@code u8 scaleBits} and {@code m} pairs {@code (varint symbolGap, varint freq)},
 * frequencies summing to {@code 2^scaleBits}); {@code varint words}; then {@code words} 32-bit
 * words: the final coder state (low word first) followed by the renormalisation words in the order
 * the decoder reads them. A stream of one distinct symbol (or none) has no words. The symbol count is
 * not stored: the caller keeps it.
 *
 * <p>Encoding is deterministic (same symbols, same bytes). Decoding checks the table, every read
 * against the stream's end and, at the end, that the coder returned to its initial state with every
 * word consumed, so a corrupted stream raises {@link CorruptTensorException}; memory use is bounded
 * by the alphabet and {@code 2^20} table slots, never by values read from the stream. Stateless and
 * thread-safe.
 */
public final class RansCoder {

    /** The largest alphabet accepted, in symbols. */
    public static final int MAX_ALPHABET = 1 << 16;

    private static final long L = 1L << 31;

    private RansCoder() {
    }

    /**
     * Codes symbols {@code symbols[from .. from + count)}, each in {@code [0, alphabet)}.
     *
     * @param symbols the symbols
     * @param from first index
     * @param count how many
     * @param alphabet the alphabet size, 1..{@link #MAX_ALPHABET}
     * @return the stream
     * @throws IllegalArgumentException if the range or alphabet is invalid or a symbol lies outside it
     */
    public static byte[] encode(int[] symbols, int from, int count, int alphabet) {
        Objects.requireNonNull(symbols, "symbols");
        Objects.checkFromIndexSize(from, count, symbols.length);
        checkAlphabet(alphabet);
        long[] counts = new long[alphabet];
        for (int i = from; i < from + count; i++) {
            int s = symbols[i];
            if (s < 0 || s >= alphabet) {
                throw new IllegalArgumentException("symbol " + s + " at index " + i + " is outside [0, " + alphabet + ")");
            }
            counts[s]++;
        }
        return encode(i -> symbols[from + i], count, counts);
    }

    /**
     * Codes bytes {@code data[from .. from + count)} as symbols 0..255.
     *
     * @param data the bytes
     * @param from first index
     * @param count how many
     * @return the stream
     * @throws IndexOutOfBoundsException if the range is outside {@code data}
     */
    public static byte[] encodeBytes(byte[] data, int from, int count) {
        Objects.requireNonNull(data, "data");
        Objects.checkFromIndexSize(from, count, data.length);
        long[] counts = new long[256];
        for (int i = from; i < from + count; i++) {
            counts[data[i] & 0xFF]++;
        }
        return encode(i -> data[from + i] & 0xFF, count, counts);
    }

    /**
     * Decodes {@code count} symbols of a stream starting at {@code in}'s position into
     * {@code out[outOffset ..]}; on success {@code in} is positioned just after the stream.
     *
     * @param in the stream
     * @param out where the symbols go
     * @param outOffset first index written
     * @param count how many symbols the stream holds
     * @param maxAlphabet the largest alphabet the caller accepts, 1..{@link #MAX_ALPHABET}
     * @return the stream's alphabet size; every decoded symbol is below it
     * @throws CorruptTensorException if the stream is malformed, truncated or holds another count
     */
    public static int decode(ByteBuffer in, int[] out, int outOffset, int count, int maxAlphabet)
            throws CorruptTensorException {
        Objects.checkFromIndexSize(outOffset, count, out.length);
        checkAlphabet(maxAlphabet);
        return decode(in, count, maxAlphabet, (i, s) -> out[outOffset + i] = s);
    }

    /**
     * Decodes {@code count} byte symbols (a stream written by {@link #encodeBytes}) into
     * {@code out[outOffset ..]}; on success {@code in} is positioned just after the stream.
     *
     * @param in the stream
     * @param out where the bytes go
     * @param outOffset first index written
     * @param count how many bytes the stream holds
     * @throws CorruptTensorException if the stream is malformed, truncated or holds another count
     */
    public static void decodeBytes(ByteBuffer in, byte[] out, int outOffset, int count) throws CorruptTensorException {
        Objects.checkFromIndexSize(outOffset, count, out.length);
        decode(in, count, 256, (i, s) -> out[outOffset + i] = (byte) s);
    }

    private static void checkAlphabet(int alphabet) {
        if (alphabet < 1 || alphabet > MAX_ALPHABET) {
            throw new IllegalArgumentException("alphabet must be 1.." + MAX_ALPHABET + ", got " + alphabet);
        }
    }

    /** Random access to the symbols being coded. */
    private interface Source {
        int at(int i);
    }

    /** Receives decoded symbols. */
    private interface Sink {
        void put(int i, int symbol);
    }

    private static byte[] encode(Source src, int count, long[] counts) {
        FrequencyTable t = FrequencyTable.fromCounts(counts);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        t.write(out);
        if (t.present <= 1) {
            Varint.write(out, 0);
            return out.toByteArray();
        }
        int scale = t.scaleBits;
        long[] xmax = new long[t.alphabet];
        for (int s = 0; s < t.alphabet; s++) {
            xmax[s] = ((L >>> scale) << 32) * t.freq[s];
        }
        int[] words = new int[Math.max(16, count / 8)];
        int n = 0;
        long x = L;
        for (int i = count - 1; i >= 0; i--) {
            int s = src.at(i);
            int f = t.freq[s];
            if (x >= xmax[s]) {
                if (n == words.length) {
                    words = Arrays.copyOf(words, words.length * 2);
                }
                words[n++] = (int) x;
                x >>>= 32;
            }
            x = ((x / f) << scale) + (x % f) + t.start[s];
        }
        Varint.write(out, n + 2);
        byte[] head = out.toByteArray();
        ByteBuffer b = ByteBuffer.allocate(head.length + 4 * (n + 2)).order(ByteOrder.LITTLE_ENDIAN);
        b.put(head).putInt((int) x).putInt((int) (x >>> 32));
        for (int j = n - 1; j >= 0; j--) {
            b.putInt(words[j]);
        }
        return b.array();
    }

    private static int decode(ByteBuffer src, int count, int maxAlphabet, Sink sink) throws CorruptTensorException {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        ByteBuffer in = src.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        FrequencyTable t = FrequencyTable.read(in, maxAlphabet);
        int words = Varint.read(in);
        if ((long) words * 4 > in.remaining()) {
            throw new CorruptTensorException("rANS stream declares " + words + " words, " + in.remaining()
                    + " bytes remain");
        }
        if (t.present == 0 || t.present == 1) {
            if (words != 0 || (t.present == 0) != (count == 0)) {
                throw new CorruptTensorException("rANS stream of " + t.present + " distinct symbols has " + words
                        + " words for " + count + " symbols");
            }
            if (count > 0) {
                int only = t.onlySymbol();
                for (int i = 0; i < count; i++) {
                    sink.put(i, only);
                }
            }
            src.position(in.position());
            return t.alphabet;
        }
        if (words < 2) {
            throw new CorruptTensorException("rANS stream has " + words + " words, fewer than its 2-word state");
        }
        int scale = t.scaleBits;
        long mask = (1L << scale) - 1;
        char[] lookup = new char[1 << scale];
        for (int s = 0; s < t.alphabet; s++) {
            Arrays.fill(lookup, t.start[s], t.start[s] + t.freq[s], (char) s);
        }
        int left = words - 2;
        long x = (in.getInt() & 0xFFFFFFFFL) | (long) in.getInt() << 32;
        if (x < L) {
            throw new CorruptTensorException("rANS stream starts in state " + Long.toUnsignedString(x)
                    + ", outside [2^31, 2^63)");
        }
        int[] freq = t.freq;
        int[] start = t.start;
        for (int i = 0; i < count; i++) {
            int slot = (int) (x & mask);
            int s = lookup[slot];
            sink.put(i, s);
            x = freq[s] * (x >>> scale) + slot - start[s];
            if (x < L) {
                if (left == 0) {
                    throw new CorruptTensorException("rANS stream ends after " + i + " of " + count + " symbols");
                }
                x = (x << 32) | (in.getInt() & 0xFFFFFFFFL);
                left--;
            }
        }
        if (left != 0 || x != L) {
            throw new CorruptTensorException("rANS stream does not end cleanly after " + count + " symbols ("
                    + left + " words unread)");
        }
        src.position(in.position());
        return t.alphabet;
    }
}
