package dev.compressor.api.artifact;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32C;

/** Writes an artifact: header, then the outer-compressed payload (manifest, configuration, blobs). */
final class ArtifactWriter {

    private static final int BUFFER = 1 << 20;

    private final CompressedModel model;
    private final OuterCompression compression;
    private final UnaryOperator<OutputStream> sink;

    ArtifactWriter(CompressedModel model, OuterCompression compression) {
        this(model, compression, UnaryOperator.identity());
    }

    /** With a decorator of the file stream: a seam for tests that make writes fail midway. */
    ArtifactWriter(CompressedModel model, OuterCompression compression, UnaryOperator<OutputStream> sink) {
        this.model = model;
        this.compression = java.util.Objects.requireNonNull(compression, "compression");
        this.sink = sink;
    }

    void writeAtomically(Path path) throws IOException {
        Path target = path.toAbsolutePath();
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            // checked here: the temporary file's NoSuchFileException would name that hidden file, not the target
            throw new NoSuchFileException(target.toString(), null, dir == null ? "it has no parent directory"
                    : "its directory " + dir + (Files.exists(dir) ? " is not a directory" : " does not exist")
                    + "; create it first (Files.createDirectories)");
        }
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.position(Header.SIZE);
                Header h = writePayload(sink.apply(Channels.newOutputStream(ch)));
                ByteBuffer hb = ByteBuffer.wrap(h.toBytes());
                long pos = 0;
                while (hb.hasRemaining()) {
                    pos += ch.write(hb, pos);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException | Error e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Header h = writePayload(out);
            byte[] all = out.toByteArray();
            System.arraycopy(h.toBytes(), 0, all, 0, Header.SIZE);
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the payload after a {@link Header#SIZE}-byte gap the caller fills with the header
     * (for {@link #toBytes()} the gap is written as zeros here).
     */
    private Header writePayload(OutputStream file) throws IOException {
        CountingCrc counting = new CountingCrc(file);
        if (file instanceof ByteArrayOutputStream) {
            file.write(new byte[Header.SIZE]);
        }
        byte[] config = model.configJson().getBytes(StandardCharsets.UTF_8);
        CRC32C configCrc = new CRC32C();
        configCrc.update(config);
        byte[] manifest = ManifestCodec.encode(model, (int) configCrc.getValue());
        long uncompressed = 0;
        try (OutputStream out = new java.io.BufferedOutputStream(compression.compress(counting), BUFFER)) {
            uncompressed += writeSection(out, manifest);
            uncompressed += writeSection(out, config);
            for (byte[] blob : model.blobs()) {
                out.write(blob);
                uncompressed += blob.length;
            }
        }
        return new Header(CompressedModel.FORMAT_VERSION, compression, counting.count, uncompressed,
                (int) counting.crc.getValue());
    }

    private static long writeSection(OutputStream out, byte[] bytes) throws IOException {
        out.write(ByteBuffer.allocate(4).order(ByteOrder.BIG_ENDIAN).putInt(bytes.length).array());
        out.write(bytes);
        return 4L + bytes.length;
    }

    /** Counts and checksums the compressed bytes on their way to the file. */
    private static final class CountingCrc extends FilterOutputStream {
        final CRC32C crc = new CRC32C();
        long count;

        CountingCrc(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            crc.update(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            crc.update(b, off, len);
            count += len;
        }

        /** Flushes but leaves the file open: the header is written after the payload. */
        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
