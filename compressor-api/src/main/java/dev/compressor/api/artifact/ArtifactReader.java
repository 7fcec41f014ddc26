package dev.compressor.api.artifact;

import dev.compressor.api.encoding.TensorEncodings;
import dev.compressor.api.tensor.TensorInfo;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.zip.CRC32C;

/**
 * Reads and validates an artifact. Order of checks: header (magic, header checksum, version,
 * compression, lengths against the file and the limits), payload checksum over the compressed
 * bytes, then the decompressed payload section by section, each length checked against what is
 * left before anything is allocated for it, each blob against its CRC-32C.
 */
final class ArtifactReader {

    private static final int MAX_MANIFEST_BYTES = 256 << 20;

    private ArtifactReader() {
    }

    static CompressedModel read(Path path, ReadLimits limits, TensorEncodings registry) throws ArtifactException {
        return read(path, limits, registry, null);
    }

    /**
     * Reads an artifact, telling {@code onParameterCount} (if not null) the network's parameter
     * count as soon as the manifest has been validated, before the blobs are read.
     */
    static CompressedModel read(Path path, ReadLimits limits, TensorEncodings registry, LongConsumer onParameterCount)
            throws ArtifactException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, Header.SIZE));
            while (head.hasRemaining() && ch.read(head, head.position()) > 0) {
                // read the header fully
            }
            head.flip();
            Header h = Header.parse(head, size, limits);
            CRC32C crc = new CRC32C();
            ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
            long pos = Header.SIZE;
            while (pos < size) {
                buf.clear();
                int n = ch.read(buf, pos);
                if (n <= 0) {
                    break;
                }
                buf.flip();
                crc.update(buf);
                pos += n;
            }
            checkCrc(h, crc);
            ch.position(Header.SIZE);
            InputStream raw = new BufferedInputStream(Channels.newInputStream(ch), 1 << 16);
            return parsePayload(h, raw, limits, registry, onParameterCount);
        } catch (NoSuchFileException e) {
            throw new ArtifactException(ArtifactException.Problem.IO, "no such file: " + path, e);
        } catch (IOException e) {
            throw new ArtifactException(ArtifactException.Problem.IO, "cannot read " + path + ": " + e, e);
        }
    }

    static CompressedModel fromBytes(byte[] bytes, ReadLimits limits, TensorEncodings registry)
            throws ArtifactException {
        Header h = Header.parse(ByteBuffer.wrap(bytes), bytes.length, limits);
        CRC32C crc = new CRC32C();
        crc.update(bytes, Header.SIZE, bytes.length - Header.SIZE);
        checkCrc(h, crc);
        return parsePayload(h, new ByteArrayInputStream(bytes, Header.SIZE, bytes.length - Header.SIZE), limits,
                registry, null);
    }

    private static void checkCrc(Header h, CRC32C crc) throws ArtifactException {
        if ((int) crc.getValue() != h.payloadCrc()) {
            throw new ArtifactException(ArtifactException.Problem.CHECKSUM_MISMATCH, String.format(
                    "payload checksum mismatch (stored %08x, computed %08x): the file was changed after writing",
                    h.payloadCrc(), (int) crc.getValue()));
        }
    }

    private static CompressedModel parsePayload(Header h, InputStream raw, ReadLimits limits,
            TensorEncodings registry, LongConsumer onParameterCount) throws ArtifactException {
        try (InputStream decompressed = h.compression().decompress(raw)) {
            DataInputStream in = new DataInputStream(decompressed);
            long left = h.uncompressedLength();
            int manifestLength = in.readInt();
            checkSection("manifest", manifestLength, Math.min(left - 4, MAX_MANIFEST_BYTES));
            left -= 4 + manifestLength;
            ManifestCodec.Manifest m = ManifestCodec.decode(readExactly(in, manifestLength, "manifest"), limits,
                    registry);
            String tiling = checkTiling(m.tensors(), m.parameterCount());
            if (tiling != null) {
                throw ManifestCodec.malformed(tiling);
            }
            if (onParameterCount != null) {
                onParameterCount.accept(m.parameterCount());
            }
            int configLength = in.readInt();
            checkSection("configuration", configLength, Math.min(left - 4, limits.maxConfigBytes()));
            left -= 4 + configLength;
            byte[] config = readExactly(in, configLength, "configuration");
            CRC32C crc = new CRC32C();
            crc.update(config);
            if ((int) crc.getValue() != m.configCrc()) {
                throw new ArtifactException(ArtifactException.Problem.CHECKSUM_MISMATCH, "configuration checksum mismatch");
            }
            long blobTotal = 0;
            for (ArtifactTensor t : m.tensors()) {
                blobTotal += t.blobLength();
            }
            if (blobTotal != left) {
                throw ManifestCodec.malformed("tensors declare " + blobTotal + " bytes of blobs, the payload has "
                        + left + " bytes left for them");
            }
            List<byte[]> blobs = new ArrayList<>(m.tensors().size());
            for (ArtifactTensor t : m.tensors()) {
                byte[] blob = readExactly(in, (int) t.blobLength(), "tensor '" + t.info().name() + "'");
                CRC32C bc = new CRC32C();
                bc.update(blob);
                if ((int) bc.getValue() != t.blobCrc32c()) {
                    throw new ArtifactException(ArtifactException.Problem.CHECKSUM_MISMATCH, "tensor '"
                            + t.info().name() + "' checksum mismatch");
                }
                blobs.add(blob);
            }
            if (in.read() != -1) {
                throw ManifestCodec.malformed("payload is longer than the " + h.uncompressedLength()
                        + " bytes its header declares");
            }
            return CompressedModel.trusted(m.kind(), utf8(config), m.parameterCount(), m.provenance(),
                    m.requirements(), m.tensors(), blobs);
        } catch (EOFException e) {
            throw new ArtifactException(ArtifactException.Problem.TRUNCATED, "payload ends before its declared "
                    + h.uncompressedLength() + " bytes", e);
        } catch (IOException e) {
            throw new ArtifactException(ArtifactException.Problem.MALFORMED, "payload cannot be decompressed ("
                    + h.compression() + "): " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new ArtifactException(ArtifactException.Problem.MALFORMED, "payload is malformed: " + e, e);
        }
    }

    private static void checkSection(String what, long length, long max) throws ArtifactException {
        if (length < 0 || length > max) {
            throw new ArtifactException(length > max && max >= 0 ? ArtifactException.Problem.LIMIT_EXCEEDED
                    : ArtifactException.Problem.MALFORMED, what + " length " + length + " is outside 0.." + max);
        }
    }

    /**
     * Reads exactly {@code n} bytes. Allocates at most 64 MiB ahead of the data that actually
     * arrived (doubling as it arrives), so a length field cannot make the reader allocate memory
     * the stream does not back.
     */
    private static byte[] readExactly(InputStream in, int n, String what) throws IOException {
        byte[] b = new byte[Math.min(n, 64 << 20)];
        int got = 0;
        while (got < n) {
            if (got == b.length) {
                b = java.util.Arrays.copyOf(b, (int) Math.min(n, 2L * b.length));
            }
            int r = in.read(b, got, Math.min(b.length - got, 8 << 20));
            if (r < 0) {
                throw new EOFException(what + " ends after " + got + " of " + n + " bytes");
            }
            got += r;
        }
        return b;
    }

    private static String utf8(byte[] b) throws ArtifactException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw ManifestCodec.malformed("configuration is not valid UTF-8");
        }
    }

    /**
     * Checks that tensors tile the flat vector exactly, in order, without gaps or overlaps.
     *
     * @return null if they do, else the problem
     */
    static String checkTiling(List<ArtifactTensor> tensors, long parameterCount) {
        List<ArtifactTensor> sorted = new ArrayList<>(tensors);
        sorted.sort(Comparator.comparingLong(t -> t.info().flatOffset()));
        long next = 0;
        for (ArtifactTensor t : sorted) {
            TensorInfo i = t.info();
            if (i.flatOffset() != next) {
                return "tensor '" + i.name() + "' starts at " + i.flatOffset() + ", expected " + next
                        + " (tensors must tile the parameter vector)";
            }
            next += i.length();
        }
        if (next != parameterCount) {
            return "tensors cover " + next + " parameters, the network has " + parameterCount;
        }
        return null;
    }
}
