package dev.compressor.quant.internal;

/**
 * Packs unsigned codes of 1 to 16 bits into a little-endian bit stream and back: element {@code i}
 * occupies bits {@code [i*bits, (i+1)*bits)} of the stream, bit 0 being the lowest bit of byte 0.
 * A run that starts at an element index divisible by 8 starts on a byte boundary, so runs of
 * multiples of 8 elements pack and unpack independently (and in parallel). Stateless.
 */
public final class BitPacking {

    /** Widest code supported. */
    public static final int MAX_BITS = 16;

    private BitPacking() {
    }

    /**
     * Bytes needed for {@code n} codes of {@code bits} bits.
     *
     * @param n number of codes
     * @param bits bits per code, 1..16
     * @return {@code ceil(n * bits / 8)}
     */
    public static long packedBytes(long n, int bits) {
        checkBits(bits);
        return (n * bits + 7) >>> 3;
    }

    /**
     * The byte offset at which element {@code index} starts; {@code index} must be a multiple of 8.
     *
     * @param index element index, a multiple of 8
     * @param bits bits per code
     * @return the byte offset
     */
    public static long byteOffset(long index, int bits) {
        if ((index & 7) != 0) {
            throw new IllegalArgumentException("index must be a multiple of 8, got " + index);
        }
        return (index >>> 3) * bits;
    }

    /**
     * Packs {@code count} codes; every code must be in {@code [0, 2^bits)} (higher bits are dropped).
     *
     * @param codes source codes
     * @param from first code
     * @param count number of codes
     * @param bits bits per code, 1..16
     * @param out destination bytes
     * @param outOffset where the run starts in {@code out} (a byte boundary)
     */
    public static void pack(int[] codes, int from, int count, int bits, byte[] out, int outOffset) {
        checkBits(bits);
        switch (bits) {
            case 8 -> {
                for (int i = 0; i < count; i++) {
                    out[outOffset + i] = (byte) codes[from + i];
                }
            }
            case 16 -> {
                for (int i = 0; i < count; i++) {
                    int c = codes[from + i];
                    out[outOffset + 2 * i] = (byte) c;
                    out[outOffset + 2 * i + 1] = (byte) (c >>> 8);
                }
            }
            case 4 -> {
                int pairs = count >>> 1;
                for (int i = 0; i < pairs; i++) {
                    out[outOffset + i] = (byte) ((codes[from + 2 * i] & 0xF) | (codes[from + 2 * i + 1] << 4));
                }
                if ((count & 1) != 0) {
                    out[outOffset + pairs] = (byte) (codes[from + count - 1] & 0xF);
                }
            }
            default -> packGeneric(codes, from, count, bits, out, outOffset);
        }
    }

    private static void packGeneric(int[] codes, int from, int count, int bits, byte[] out, int outOffset) {
        long mask = (1L << bits) - 1;
        long acc = 0;
        int filled = 0;
        int o = outOffset;
        for (int i = 0; i < count; i++) {
            acc |= (codes[from + i] & mask) << filled;
            filled += bits;
            while (filled >= 8) {
                out[o++] = (byte) acc;
                acc >>>= 8;
                filled -= 8;
            }
        }
        if (filled > 0) {
            out[o] = (byte) acc;
        }
    }

    /**
     * Unpacks {@code count} codes.
     *
     * @param in packed bytes
     * @param inOffset where the run starts in {@code in} (a byte boundary)
     * @param count number of codes
     * @param bits bits per code, 1..16
     * @param codes destination
     * @param to where the first code goes
     */
    public static void unpack(byte[] in, int inOffset, int count, int bits, int[] codes, int to) {
        checkBits(bits);
        switch (bits) {
            case 8 -> {
                for (int i = 0; i < count; i++) {
                    codes[to + i] = in[inOffset + i] & 0xFF;
                }
            }
            case 16 -> {
                for (int i = 0; i < count; i++) {
                    codes[to + i] = (in[inOffset + 2 * i] & 0xFF) | (in[inOffset + 2 * i + 1] & 0xFF) << 8;
                }
            }
            case 4 -> {
                int pairs = count >>> 1;
                for (int i = 0; i < pairs; i++) {
                    int b = in[inOffset + i];
                    codes[to + 2 * i] = b & 0xF;
                    codes[to + 2 * i + 1] = (b >>> 4) & 0xF;
                }
                if ((count & 1) != 0) {
                    codes[to + count - 1] = in[inOffset + pairs] & 0xF;
                }
            }
            default -> unpackGeneric(in, inOffset, count, bits, codes, to);
        }
    }

    private static void unpackGeneric(byte[] in, int inOffset, int count, int bits, int[] codes, int to) {
        int mask = (1 << bits) - 1;
        long acc = 0;
        int filled = 0;
        int p = inOffset;
        for (int i = 0; i < count; i++) {
            while (filled < bits) {
                acc |= (long) (in[p++] & 0xFF) << filled;
                filled += 8;
            }
            codes[to + i] = (int) acc & mask;
            acc >>>= bits;
            filled -= bits;
        }
    }

    private static void checkBits(int bits) {
        if (bits < 1 || bits > MAX_BITS) {
            throw new IllegalArgumentException("bits must be 1.." + MAX_BITS + ", got " + bits);
        }
    }
}
