package dev.compressor.api.artifact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.Compressors;
import dev.compressor.api.artifact.ArtifactException.Problem;
import dev.compressor.api.testdata.TestNetworks;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad artifact gives one clear {@link ArtifactException} and no model. */
class ArtifactValidationTest {

    static CompressedModel model;
    static byte[] valid;

    @TempDir
    Path dir;

    @BeforeAll
    static void build() {
        model = Compressors.identity().compress(TestNetworks.smallMln(1)).artifact();
        valid = model.toBytes(OuterCompression.ZSTD);
    }

    private static ArtifactException reject(byte[] bytes) {
        return assertThrows(ArtifactException.class, () -> {
            CompressedModel m = CompressedModel.fromBytes(bytes, ReadLimits.DEFAULT);
            m.restore();
        });
    }

    /** Rewrites header fields and fixes the header checksum, as a hostile writer would. */
    private static byte[] withHeader(byte[] bytes, int offset, long value, int width) {
        byte[] b = bytes.clone();
        ByteBuffer bb = ByteBuffer.wrap(b);
        switch (width) {
            case 1 -> bb.put(offset, (byte) value);
            case 2 -> bb.putShort(offset, (short) value);
            case 8 -> bb.putLong(offset, value);
            default -> throw new IllegalArgumentException();
        }
        CRC32C crc = new CRC32C();
        crc.update(b, 0, 32);
        bb.putInt(32, (int) crc.getValue());
        return b;
    }

    /** Builds an artifact with an uncompressed payload whose manifest bytes we control. */
    private static byte[] withPayload(byte[] payload) {
        byte[] header = new Header(1, OuterCompression.NONE, payload.length, payload.length, crc(payload)).toBytes();
        byte[] all = Arrays.copyOf(header, header.length + payload.length);
        System.arraycopy(payload, 0, all, header.length, payload.length);
        return all;
    }

    private static int crc(byte[] b) {
        CRC32C c = new CRC32C();
        c.update(b);
        return (int) c.getValue();
    }

    @Test
    void validArtifactReads() throws Exception {
        CompressedModel m = CompressedModel.fromBytes(valid, ReadLimits.DEFAULT);
        assertEquals(model.parameterCount(), m.parameterCount());
        assertEquals(model.tensors(), m.tensors());
        assertEquals(model.provenance(), m.provenance());
        assertEquals("42", m.provenance().get(Provenance.SEED));
    }

    @Test
    void truncatedFile() {
        for (int len : new int[] {0, 5, 20, Header.SIZE, valid.length / 2, valid.length - 1}) {
            ArtifactException e = reject(Arrays.copyOf(valid, len));
            assertEquals(Problem.TRUNCATED, e.problem(), len + ": " + e.getMessage());
        }
    }

    @Test
    void flippedByteInPayload() {
        byte[] b = valid.clone();
        b[b.length - 10] ^= 0x04;
        ArtifactException e = reject(b);
        assertEquals(Problem.CHECKSUM_MISMATCH, e.problem());
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }

    @Test
    void flippedByteInHeader() {
        byte[] b = valid.clone();
        b[14] ^= 0x01;
        assertEquals(Problem.CHECKSUM_MISMATCH, reject(b).problem());
    }

    @Test
    void wrongMagic() {
        byte[] b = valid.clone();
        b[1] = 'X';
        ArtifactException e = reject(b);
        assertEquals(Problem.NOT_AN_ARTIFACT, e.problem());
        assertTrue(e.getMessage().contains("magic"));
    }

    @Test
    void newerFormatVersion() {
        ArtifactException e = reject(withHeader(valid, 8, CompressedModel.FORMAT_VERSION + 1, 2));
        assertEquals(Problem.UNSUPPORTED_VERSION, e.problem());
        assertTrue(e.getMessage().contains("version 2"), e.getMessage());
    }

    @Test
    void unknownOuterCompression() {
        ArtifactException e = reject(withHeader(valid, 10, 77, 1));
        assertEquals(Problem.UNKNOWN_ENCODING, e.problem());
        assertTrue(e.getMessage().contains("77"), e.getMessage());
    }

    @Test
    void unknownEncoding() throws Exception {
        byte[] payload = payloadOf(model, "dense-f32", "dense-f99");
        ArtifactException e = reject(withPayload(payload));
        assertEquals(Problem.UNKNOWN_ENCODING, e.problem());
        assertTrue(e.getMessage().contains("dense-f99"), e.getMessage());
    }

    @Test
    void tensorClaimingTwoToTheFortyElements() throws Exception {
        byte[] payload = forgedPayload(new long[] {1L << 20, 1L << 20});
        ArtifactException e = reject(withPayload(payload));
        assertEquals(Problem.LIMIT_EXCEEDED, e.problem());
        assertTrue(e.getMessage().contains("1099511627776"), e.getMessage());
    }

    @Test
    void headerClaimingHugePayloadIsRejectedBeforeReading() {
        ArtifactException e = reject(withHeader(valid, 20, 1L << 50, 8));
        assertEquals(Problem.LIMIT_EXCEEDED, e.problem());
    }

    @Test
    void zstdBombIsStoppedAtTheDeclaredLength() throws Exception {
        // A valid header and checksum around a zstd stream that inflates 64 KiB to 512 MiB of zeros.
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (OutputStream z = OuterCompression.ZSTD.compress(compressed)) {
            byte[] zeros = new byte[1 << 20];
            ByteBuffer.wrap(zeros).putInt(0, 16); // a plausible first section length
            for (int i = 0; i < 512; i++) {
                z.write(zeros);
            }
        }
        byte[] payload = compressed.toByteArray();
        assertTrue(payload.length < 1 << 20, "bomb is small: " + payload.length);
        byte[] header = new Header(1, OuterCompression.ZSTD, payload.length, 1 << 16, crc(payload)).toBytes();
        byte[] all = Arrays.copyOf(header, header.length + payload.length);
        System.arraycopy(payload, 0, all, header.length, payload.length);
        ArtifactException e = reject(all);
        assertTrue(e.problem() == Problem.MALFORMED || e.problem() == Problem.LIMIT_EXCEEDED, e.getMessage());
    }

    @Test
    void missingFile() {
        ArtifactException e = assertThrows(ArtifactException.class, () -> CompressedModel.read(dir.resolve("nope")));
        assertEquals(Problem.IO, e.problem());
    }

    @Test
    void failedWriteLeavesThePreviousFileIntact() throws Exception {
        Path file = dir.resolve("model.dlc");
        model.write(file);
        byte[] before = Files.readAllBytes(file);
        CompressedModel other = Compressors.fp16().compress(TestNetworks.smallMln(99)).artifact();
        ArtifactWriter failing = new ArtifactWriter(other, OuterCompression.NONE, out -> new FilterOutputStream(out) {
            long written;

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                written += len;
                if (written > 1000) {
                    throw new IOException("disk full (simulated)");
                }
                out.write(b, off, len);
            }
        });
        IOException e = assertThrows(IOException.class, () -> failing.writeAtomically(file));
        assertTrue(e.getMessage().contains("disk full"));
        assertArrayEquals(before, Files.readAllBytes(file));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
        assertFalse(CompressedModel.read(file).tensors().isEmpty());
    }

    // --- helpers that forge payloads -------------------------------------------------------------

    private static byte[] uncompressedPayload(CompressedModel m) {
        byte[] file = m.toBytes(OuterCompression.NONE);
        return Arrays.copyOfRange(file, Header.SIZE, file.length);
    }

    private static byte[] payloadOf(CompressedModel m, String from, String to) throws IOException {
        // re-encode the manifest with the first tensor's encoding id renamed
        CompressedModel renamed = CompressedModel.trusted(m.kind(), m.configJson(), m.parameterCount(),
                m.provenance(), m.requirements(), rename(m, from, to), m.blobs());
        return uncompressedPayload(renamed);
    }

    private static java.util.List<ArtifactTensor> rename(CompressedModel m, String from, String to) {
        java.util.List<ArtifactTensor> ts = new java.util.ArrayList<>(m.tensors());
        ArtifactTensor t = ts.get(0);
        assertEquals(from, t.encodingId());
        ts.set(0, new ArtifactTensor(t.info(), to, t.encodingVersion(), t.encodingDescription(), t.blobLength(),
                t.blobCrc32c()));
        return ts;
    }

    /** A payload whose manifest's only tensor claims {@code shape}, written byte by byte. */
    private static byte[] forgedPayload(long[] shape) throws IOException {
        ByteArrayOutputStream manifest = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(manifest)) {
            out.writeByte(0); // MULTI_LAYER
            out.writeLong(10); // parameter count
            out.writeInt(0); // config crc
            out.writeShort(0); // provenance entries
            out.writeInt(1); // tensors
            out.writeUTF("0_W");
            out.writeUTF("0");
            out.writeUTF("DenseLayer");
            out.writeUTF("W");
            out.writeByte(0);
            out.writeByte('f');
            out.writeByte(shape.length);
            for (long d : shape) {
                out.writeLong(d);
            }
            out.writeLong(0);
            out.writeInt(1);
            out.writeUTF("dense-f32");
            out.writeShort(1);
            out.writeUTF("fp32");
            out.writeLong(40);
            out.writeInt(0);
        }
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(payload)) {
            out.writeInt(manifest.size());
            out.write(manifest.toByteArray());
            out.writeInt(0);
            out.write(new byte[40]);
        }
        return payload.toByteArray();
    }
}
