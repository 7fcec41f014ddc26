package dev.compressor.api.encoding.entropy;

import dev.compressor.api.encoding.CorruptTensorException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/** Unsigned LEB128 integers of up to 31 bits. Stateless. */
final class Varint {

    private Varint() {
    }

    static void write(ByteArrayOutputStream out, int value) {
        if (value < 0) {
            throw new IllegalArgumentException("varint must be >= 0, got " + value);
        }
        int v = value;
        while (v >= 0x80) {
            out.write((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write(v);
    }

    static int read(ByteBuffer in) throws CorruptTensorException {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (!in.hasRemaining()) {
                throw new CorruptTensorException("rANS stream ends inside a varint");
            }
            int b = in.get() & 0xFF;
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (shift == 28 && b > 7) {
                    break;
                }
                return value;
            }
        }
        throw new CorruptTensorException("rANS stream holds a varint longer than 31 bits");
    }
}
