package dev.compressor.api.encoding.entropy;

import dev.compressor.api.encoding.CorruptTensorException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * A static model for {@link RansCoder}: the frequency of every symbol of an alphabet, scaled so that
 * they sum to {@code 2^scaleBits}, and the cumulative starts. Immutable after construction.
 *
 * <p>Serialized form: {@code varint alphabet; varint m} (symbols present), then if {@code m > 0}
 * {@code u8 scaleBits} and {@code m} pairs {@code (varint gap, varint freq)}, where the gap is the
 * distance from the previous present symbol plus one (from -1 for the first).
 */
final class FrequencyTable {

    static final int MAX_SCALE_BITS = 20;
    private static final int MIN_SCALE_BITS = 14;

    final int alphabet;
    final int present;
    final int scaleBits;
    final int[] freq;
    final int[] start;

    private FrequencyTable(int alphabet, int present, int scaleBits, int[] freq) {
        this.alphabet = alphabet;
        this.present = present;
        this.scaleBits = scaleBits;
        this.freq = freq;
        this.start = new int[alphabet];
        int c = 0;
        for (int s = 0; s < alphabet; s++) {
            start[s] = c;
            c += freq[s];
        }
    }

    /** Scales counts to frequencies summing to a power of two; every present symbol keeps at least 1. */
    static FrequencyTable fromCounts(long[] counts) {
        int alphabet = counts.length;
        long total = 0;
        int present = 0;
        for (long c : counts) {
            total += c;
            present += c > 0 ? 1 : 0;
        }
        int[] freq = new int[alphabet];
        if (present <= 1) {
            for (int s = 0; s < alphabet; s++) {
                freq[s] = counts[s] > 0 ? 1 : 0;
            }
            return new FrequencyTable(alphabet, present, 0, freq);
        }
        int bits = 32 - Integer.numberOfLeadingZeros(present - 1) + 8;
        int scale = Math.max(MIN_SCALE_BITS, Math.min(MAX_SCALE_BITS, bits));
        long target = 1L << scale;
        long sum = 0;
        int largest = 0;
        for (int s = 0; s < alphabet; s++) {
            if (counts[s] > 0) {
                freq[s] = (int) Math.max(1, Math.round((double) counts[s] * target / total));
                sum += freq[s];
                if (counts[s] > counts[largest]) {
                    largest = s;
                }
            }
        }
        if (sum < target) {
            freq[largest] += (int) (target - sum);
        }
        while (sum > target) {
            // take from the symbols with the most room, one unit each round, in symbol order (deterministic)
            int most = 0;
            for (int s = 0; s < alphabet; s++) {
                most = Math.max(most, freq[s]);
            }
            int step = Math.max(1, most / 16);
            for (int s = 0; s < alphabet && sum > target; s++) {
                if (freq[s] > step && freq[s] >= most / 2) {
                    int take = (int) Math.min(step, sum - target);
                    freq[s] -= take;
                    sum -= take;
                }
            }
        }
        return new FrequencyTable(alphabet, present, scale, freq);
    }

    void write(ByteArrayOutputStream out) {
        Varint.write(out, alphabet);
        Varint.write(out, present);
        if (present == 0) {
            return;
        }
        out.write(scaleBits);
        int prev = -1;
        for (int s = 0; s < alphabet; s++) {
            if (freq[s] > 0) {
                Varint.write(out, s - prev);
                Varint.write(out, freq[s]);
                prev = s;
            }
        }
    }

    static FrequencyTable read(ByteBuffer in, int maxAlphabet) throws CorruptTensorException {
        int alphabet = Varint.read(in);
        if (alphabet < 1 || alphabet > maxAlphabet) {
            throw new CorruptTensorException("rANS stream has an alphabet of " + alphabet + " symbols, expected 1.."
                    + maxAlphabet);
        }
        int present = Varint.read(in);
        if (present < 0 || present > alphabet) {
            throw new CorruptTensorException("rANS table claims " + present + " symbols of an alphabet of " + alphabet);
        }
        int[] freq = new int[alphabet];
        if (present == 0) {
            return new FrequencyTable(alphabet, 0, 0, freq);
        }
        if (!in.hasRemaining()) {
            throw new CorruptTensorException("rANS table ends before its scale");
        }
        int scale = in.get() & 0xFF;
        if (scale > MAX_SCALE_BITS || present > 1 << scale || present > 1 && scale == 0) {
            throw new CorruptTensorException("rANS table has scale " + scale + " bits for " + present + " symbols");
        }
        long sum = 0;
        long symbol = -1;
        for (int i = 0; i < present; i++) {
            symbol += Varint.read(in);
            int f = Varint.read(in);
            if (symbol >= alphabet || f < 1 || symbol < 0) {
                throw new CorruptTensorException("rANS table entry " + i + " has symbol " + symbol + " of " + alphabet
                        + " and frequency " + f);
            }
            freq[(int) symbol] = f;
            sum += f;
            if (sum > 1L << scale) {
                break;
            }
        }
        if (sum != 1L << scale) {
            throw new CorruptTensorException("rANS frequencies sum to " + sum + ", not 2^" + scale);
        }
        return new FrequencyTable(alphabet, present, scale, freq);
    }

    /** The one present symbol of a single-symbol table. */
    int onlySymbol() {
        for (int s = 0; s < alphabet; s++) {
            if (freq[s] > 0) {
                return s;
            }
        }
        throw new IllegalStateException("no symbol present");
    }
}
