package dev.compressor.examples.smalltier.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX files (LeCun's MNIST format) of unsigned bytes, plain or gzipped.
 *
 * <p>Layout: two zero bytes, the element type ({@code 0x08} = unsigned byte, the only type
 * accepted), the number of dimensions (1 to 4), each dimension as a big-endian 32-bit count, then
 * the elements in row-major order. A gzip stream is recognised by its magic bytes. A wrong magic,
 * an unsupported type, a zero or negative dimension, more than {@code 2^31 - 1} elements, or a file
 * shorter than its header promises fails with an {@link IOException} naming the file.
 *
 * <p>Stateless and thread-safe.
 */
public final class IdxReader {

    private IdxReader() {
    }

    /**
     * An IDX array: its dimensions and its elements as raw bytes (read them with {@code & 0xff}).
     *
     * @param dims the dimensions, outermost first
     * @param data the elements in row-major order
     */
    public record IdxBytes(int[] dims, byte[] data) {

        /** Returns the outermost dimension (the number of items). */
        public int count() {
            return dims[0];
        }
    }

    /**
     * Reads one IDX array from a stream, gunzipping it if it is gzipped; the stream is not closed.
     *
     * @param in the stream
     * @param name the file name, for messages
     * @return the array
     * @throws IOException if the stream is not a valid unsigned-byte IDX file or cannot be read
     */
    public static IdxBytes read(InputStream in, String name) throws IOException {
        PushbackInputStream p = new PushbackInputStream(new BufferedInputStream(in, 1 << 16), 2);
        int b0 = p.read();
        int b1 = p.read();
        if (b1 >= 0) {
            p.unread(b1);
        }
        if (b0 >= 0) {
            p.unread(b0);
        }
        InputStream body = (b0 == 0x1f && b1 == 0x8b) ? new GZIPInputStream(p, 1 << 16) : p;
        DataInputStream d = new DataInputStream(body);
        try {
            int magic = d.readInt();
            if ((magic >>> 16) != 0) {
                throw new IOException(name + ": not an IDX file: magic 0x" + Integer.toHexString(magic));
            }
            int type = (magic >>> 8) & 0xff;
            if (type != 0x08) {
                throw new IOException(name + ": IDX element type 0x" + Integer.toHexString(type)
                        + " is not supported (only 0x08, unsigned byte)");
            }
            int rank = magic & 0xff;
            if (rank < 1 || rank > 4) {
                throw new IOException(name + ": IDX rank " + rank + " is not in [1, 4]");
            }
            int[] dims = new int[rank];
            long count = 1;
            for (int i = 0; i < rank; i++) {
                dims[i] = d.readInt();
                if (dims[i] <= 0) {
                    throw new IOException(name + ": IDX dimension " + i + " is " + dims[i]);
                }
                count *= dims[i];
                if (count > Integer.MAX_VALUE - 8) {
                    throw new IOException(name + ": IDX array too large: more than 2^31 elements");
                }
            }
            byte[] data = new byte[(int) count];
            d.readFully(data);
            return new IdxBytes(dims, data);
        } catch (EOFException e) {
            throw new IOException(name + ": truncated IDX file", e);
        }
    }
}
