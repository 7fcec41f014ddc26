package dev.compressor.api.artifact;

import dev.compressor.api.encoding.TensorEncoding;
import dev.compressor.api.encoding.TensorEncodings;
import dev.compressor.api.tensor.ParamKind;
import dev.compressor.api.tensor.TensorInfo;
import dev.compressor.api.tensor.TensorLayout;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Binary form of the manifest (big-endian, strings as Java modified UTF-8):
 * kind u8 | parameter count u64 | config CRC-32C u32 | entry count u16, (key, value)* |
 * tensor count u32, tensor*; a tensor is name, layer name, layer type, param key, kind u8,
 * order u8, rank u8, dims i64*, flat offset i64, output axis i32, encoding id, encoding version u16,
 * encoding description, blob length i64, blob CRC-32C u32.
 *
 * <p>The key/value entries, sorted by key, are the {@link Provenance} and the {@link Requirements}:
 * {@code requires.encoding.<id> = <module>} and {@code requires.class.<class name> = <module>}
 * (format version 1 from the start; a manifest without them reads as requiring nothing, and a
 * reader that predates them sees them as provenance).
 */
final class ManifestCodec {

    /** A decoded manifest. */
    record Manifest(NetworkKind kind, long parameterCount, int configCrc, Provenance provenance,
            Requirements requirements, List<ArtifactTensor> tensors) {
    }

    /** Key prefix of the entries that record a required encoding. */
    static final String REQUIRES_ENCODING = "requires.encoding.";
    /** Key prefix of the entries that record a required configuration class. */
    static final String REQUIRES_CLASS = "requires.class.";
    /** Key prefix reserved for requirements; provenance keys may not start with it. */
    static final String REQUIRES = "requires.";

    private ManifestCodec() {
    }

    static byte[] encode(CompressedModel m, int configCrc) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(m.kind().ordinal());
            out.writeLong(m.parameterCount());
            out.writeInt(configCrc);
            Map<String, String> entries = new TreeMap<>(m.provenance().entries());
            m.requirements().encodings().forEach((id, module) -> entries.put(REQUIRES_ENCODING + id, module));
            m.requirements().classes().forEach((c, module) -> entries.put(REQUIRES_CLASS + c, module));
            out.writeShort(entries.size());
            for (Map.Entry<String, String> e : entries.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue());
            }
            out.writeInt(m.tensors().size());
            for (ArtifactTensor t : m.tensors()) {
                TensorInfo i = t.info();
                out.writeUTF(i.name());
                out.writeUTF(i.layerName());
                out.writeUTF(i.layerType());
                out.writeUTF(i.paramKey());
                out.writeByte(i.kind().ordinal());
                out.writeByte(i.layout().order());
                out.writeByte(i.layout().rank());
                for (long d : i.layout().shape()) {
                    out.writeLong(d);
                }
                out.writeLong(i.flatOffset());
                out.writeInt(i.outputAxis());
                out.writeUTF(t.encodingId());
                out.writeShort(t.encodingVersion());
                out.writeUTF(t.encodingDescription());
                out.writeLong(t.blobLength());
                out.writeInt(t.blobCrc32c());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Manifest decode(byte[] bytes, ReadLimits limits, TensorEncodings registry) throws ArtifactException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int kindId = in.readUnsignedByte();
            if (kindId >= NetworkKind.values().length) {
                throw malformed("unknown network kind " + kindId);
            }
            long params = in.readLong();
            if (params < 0 || params > limits.maxParameters()) {
                throw new ArtifactException(ArtifactException.Problem.LIMIT_EXCEEDED, "parameter count " + params
                        + " is outside 0.." + limits.maxParameters());
            }
            int configCrc = in.readInt();
            int provCount = in.readUnsignedShort();
            Map<String, String> prov = new TreeMap<>();
            Map<String, String> encodings = new TreeMap<>();
            Map<String, String> classes = new TreeMap<>();
            for (int i = 0; i < provCount; i++) {
                String key = in.readUTF();
                String value = in.readUTF();
                if (key.startsWith(REQUIRES_ENCODING)) {
                    encodings.put(key.substring(REQUIRES_ENCODING.length()), value);
                } else if (key.startsWith(REQUIRES_CLASS)) {
                    classes.put(key.substring(REQUIRES_CLASS.length()), value);
                } else {
                    prov.put(key, value);
                }
            }
            Requirements requirements = new Requirements(encodings, classes);
            int count = in.readInt();
            if (count < 0 || count > limits.maxTensors()) {
                throw new ArtifactException(ArtifactException.Problem.LIMIT_EXCEEDED, "tensor count " + count
                        + " is outside 0.." + limits.maxTensors());
            }
            List<ArtifactTensor> tensors = new ArrayList<>(Math.min(count, bytes.length / 16 + 1));
            for (int i = 0; i < count; i++) {
                tensors.add(readTensor(in, registry, requirements));
            }
            if (in.read() != -1) {
                throw malformed("unexpected bytes after the manifest's " + count + " tensors");
            }
            return new Manifest(NetworkKind.values()[kindId], params, configCrc, new Provenance(prov), requirements,
                    tensors);
        } catch (EOFException e) {
            throw malformed("manifest ends early");
        } catch (IOException e) {
            throw malformed("manifest is unreadable: " + e.getMessage());
        }
    }

    private static ArtifactTensor readTensor(DataInputStream in, TensorEncodings registry, Requirements requirements)
            throws IOException, ArtifactException {
        String name = in.readUTF();
        String layerName = in.readUTF();
        String layerType = in.readUTF();
        String paramKey = in.readUTF();
        int kindId = in.readUnsignedByte();
        if (kindId >= ParamKind.values().length) {
            throw malformed("tensor '" + name + "': unknown parameter kind " + kindId);
        }
        char order = (char) in.readUnsignedByte();
        int rank = in.readUnsignedByte();
        if (rank < 1 || rank > TensorLayout.MAX_RANK) {
            throw malformed("tensor '" + name + "': rank " + rank + " is outside 1.." + TensorLayout.MAX_RANK);
        }
        long[] shape = new long[rank];
        for (int d = 0; d < rank; d++) {
            shape[d] = in.readLong();
        }
        TensorLayout layout = layout(name, order, shape);
        long offset = in.readLong();
        int axis = in.readInt();
        String encodingId = in.readUTF();
        int encodingVersion = in.readUnsignedShort();
        String description = in.readUTF();
        long blobLength = in.readLong();
        int blobCrc = in.readInt();
        Optional<TensorEncoding> enc = registry.find(encodingId);
        if (enc.isEmpty()) {
            String module = requirements.encodings().get(encodingId);
            String where = module == null ? ", which is unknown here"
                    : ", provided by " + module + ", which is not on the class path";
            throw new ArtifactException(ArtifactException.Problem.UNKNOWN_ENCODING, "tensor '" + name
                    + "' uses encoding '" + encodingId + "'" + where + " (installed: " + registry.ids() + "); add "
                    + (module == null ? "the module that provides it" : module) + " to the class path");
        }
        if (encodingVersion < 1 || encodingVersion > enc.get().version()) {
            throw new ArtifactException(ArtifactException.Problem.UNSUPPORTED_VERSION, "tensor '" + name
                    + "' uses encoding '" + encodingId + "' version " + encodingVersion + "; this library reads 1.."
                    + enc.get().version());
        }
        try {
            TensorInfo info = new TensorInfo(name, layerName, layerType, paramKey, ParamKind.values()[kindId],
                    layout, axis, offset);
            return new ArtifactTensor(info, encodingId, encodingVersion, description, blobLength, blobCrc);
        } catch (IllegalArgumentException e) {
            throw malformed("tensor '" + name + "': " + e.getMessage());
        }
    }

    private static TensorLayout layout(String name, char order, long[] shape) throws ArtifactException {
        double elements = 1;
        for (long d : shape) {
            if (d <= 0) {
                throw malformed("tensor '" + name + "': dimension " + d + " is not positive");
            }
            elements *= d;
        }
        if (elements > TensorLayout.MAX_ELEMENTS) {
            throw new ArtifactException(ArtifactException.Problem.LIMIT_EXCEEDED, "tensor '" + name
                    + "' claims " + String.format("%.0f", elements) + " elements, more than the "
                    + TensorLayout.MAX_ELEMENTS + " one tensor may have");
        }
        try {
            return TensorLayout.of(order, shape);
        } catch (IllegalArgumentException e) {
            throw malformed("tensor '" + name + "': " + e.getMessage());
        }
    }

    static ArtifactException malformed(String message) {
        return new ArtifactException(ArtifactException.Problem.MALFORMED, message);
    }
}
