package dev.compressor.api.artifact;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * The fixed 36-byte artifact header, big-endian:
 * magic (8) | format version u16 | outer compression u8 | flags u8 | payload compressed length u64 |
 * payload uncompressed length u64 | payload CRC-32C u32 | header CRC-32C u32 (over the first 32 bytes).
 */
record Header(int formatVersion, OuterCompression compression, long compressedLength, long uncompressedLength,
        int payloadCrc) {

    static final int SIZE = 36;
    static final byte[] MAGIC = {(byte) 0x89, 'D', 'L', 'C', '\r', '\n', 0x1A, '\n'};

    byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.BIG_ENDIAN);
        b.put(MAGIC).putShort((short) formatVersion).put((byte) compression.id()).put((byte) 0)
                .putLong(compressedLength).putLong(uncompressedLength).putInt(payloadCrc);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, 32);
        b.putInt((int) crc.getValue());
        return b.array();
    }

    static Header parse(ByteBuffer raw, long fileLength, ReadLimits limits) throws ArtifactException {
        if (fileLength < MAGIC.length) {
            throw new ArtifactException(ArtifactException.Problem.TRUNCATED,
                    "file is " + fileLength + " bytes, shorter than the artifact magic");
        }
        ByteBuffer b = raw.duplicate().order(ByteOrder.BIG_ENDIAN);
        for (int i = 0; i < MAGIC.length; i++) {
            if (b.get(i) != MAGIC[i]) {
                throw new ArtifactException(ArtifactException.Problem.NOT_AN_ARTIFACT,
                        "wrong magic bytes: this is not a compressor artifact");
            }
        }
        if (fileLength < SIZE) {
            throw new ArtifactException(ArtifactException.Problem.TRUNCATED,
                    "file is " + fileLength + " bytes, shorter than the " + SIZE + "-byte header");
        }
        CRC32C crc = new CRC32C();
        crc.update(b.duplicate().position(0).limit(32));
        if ((int) crc.getValue() != b.getInt(32)) {
            throw new ArtifactException(ArtifactException.Problem.CHECKSUM_MISMATCH, "header checksum mismatch");
        }
        int version = Short.toUnsignedInt(b.getShort(8));
        if (version > CompressedModel.FORMAT_VERSION || version < 1) {
            throw new ArtifactException(ArtifactException.Problem.UNSUPPORTED_VERSION, "format version " + version
                    + " is not supported; this library reads versions 1.." + CompressedModel.FORMAT_VERSION
                    + (version > CompressedModel.FORMAT_VERSION ? " (upgrade the library)" : ""));
        }
        OuterCompression compression;
        try {
            compression = OuterCompression.ofId(Byte.toUnsignedInt(b.get(10)));
        } catch (IllegalArgumentException e) {
            throw new ArtifactException(ArtifactException.Problem.UNKNOWN_ENCODING, e.getMessage());
        }
        long compressed = b.getLong(12);
        long uncompressed = b.getLong(20);
        if (compressed < 0 || uncompressed < 0) {
            throw new ArtifactException(ArtifactException.Problem.MALFORMED,
                    "negative payload length: compressed " + compressed + ", uncompressed " + uncompressed);
        }
        if (uncompressed > limits.maxPayloadBytes()) {
            throw new ArtifactException(ArtifactException.Problem.LIMIT_EXCEEDED, "payload of " + uncompressed
                    + " bytes exceeds the limit of " + limits.maxPayloadBytes() + " bytes");
        }
        long available = fileLength - SIZE;
        if (compressed > available) {
            throw new ArtifactException(ArtifactException.Problem.TRUNCATED, "payload declares " + compressed
                    + " bytes, file holds " + available);
        }
        if (compressed < available) {
            throw new ArtifactException(ArtifactException.Problem.MALFORMED, (available - compressed)
                    + " unexpected bytes after the payload");
        }
        return new Header(version, compression, compressed, uncompressed, b.getInt(28));
    }
}
