package dev.compressor.api.encoding;

import dev.compressor.api.tensor.TensorLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The registry of {@link TensorEncoding}s found through {@link ServiceLoader}. Immutable and
 * thread-safe; {@link #installed()} is loaded once from this class's class loader.
 */
public final class TensorEncodings implements DecodeContext {

    private static final class Holder {
        static final TensorEncodings INSTALLED = load(TensorEncodings.class.getClassLoader());
    }

    private final Map<String, TensorEncoding> byId;

    private TensorEncodings(Map<String, TensorEncoding> byId) {
        this.byId = Map.copyOf(byId);
    }

    /**
     * The encodings on the class path of this library.
     *
     * @return the registry
     */
    public static TensorEncodings installed() {
        return Holder.INSTALLED;
    }

    /**
     * The encodings visible to a class loader.
     *
     * @param loader where to look
     * @return the registry
     * @throws IllegalStateException if two encodings claim the same id
     */
    public static TensorEncodings load(ClassLoader loader) {
        return of(ServiceLoader.load(TensorEncoding.class, loader).stream().map(ServiceLoader.Provider::get).toList());
    }

    /**
     * A registry of the given encodings.
     *
     * @param encodings the encodings
     * @return the registry
     * @throws IllegalStateException if two encodings claim the same id
     */
    public static TensorEncodings of(Collection<? extends TensorEncoding> encodings) {
        Map<String, TensorEncoding> m = new TreeMap<>();
        for (TensorEncoding e : encodings) {
            TensorEncoding prev = m.put(e.id(), e);
            if (prev != null && prev.getClass() != e.getClass()) {
                throw new IllegalStateException("two encodings claim id '" + e.id() + "': "
                        + prev.getClass().getName() + " and " + e.getClass().getName());
            }
        }
        return new TensorEncodings(m);
    }

    /**
     * Looks up an encoding.
     *
     * @param id the encoding id
     * @return the encoding, if registered
     */
    public Optional<TensorEncoding> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The registered ids, sorted. @return the ids */
    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    @Override
    public void decode(String encodingId, int blobVersion, ByteBuffer blob, TensorLayout layout, float[] dest,
            int destOffset) throws CorruptTensorException {
        TensorEncoding e = lookup(encodingId, blobVersion);
        if (destOffset < 0 || (long) destOffset + layout.length() > dest.length) {
            throw new CorruptTensorException("tensor " + layout + " at offset " + destOffset
                    + " does not fit a destination of " + dest.length + " elements");
        }
        try {
            e.decode(view(blob), blobVersion, layout, dest, destOffset, this);
        } catch (RuntimeException ex) {
            throw failed(encodingId, ex);
        }
    }

    /**
     * Decodes a blob into a buffer, at the buffer's position (which does not move), with the same
     * checks as {@link #decode(String, int, ByteBuffer, TensorLayout, float[], int)}. Used for
     * destinations outside the Java heap.
     *
     * @param encodingId the encoding's id
     * @param blobVersion the blob's version
     * @param blob the blob, positioned at its start, limit at its end
     * @param layout the tensor's layout
     * @param dest destination with at least {@code layout.length()} elements remaining
     * @throws CorruptTensorException if the encoding is unknown, the version newer than supported,
     *     the destination too small or the blob corrupt
     */
    public void decode(String encodingId, int blobVersion, ByteBuffer blob, TensorLayout layout, FloatBuffer dest)
            throws CorruptTensorException {
        TensorEncoding e = lookup(encodingId, blobVersion);
        if (layout.length() > dest.remaining()) {
            throw new CorruptTensorException("tensor " + layout + " does not fit a destination of "
                    + dest.remaining() + " elements");
        }
        try {
            e.decode(view(blob), blobVersion, layout, dest, this);
        } catch (RuntimeException ex) {
            throw failed(encodingId, ex);
        }
    }

    private TensorEncoding lookup(String encodingId, int blobVersion) throws CorruptTensorException {
        TensorEncoding e = byId.get(encodingId);
        if (e == null) {
            throw new CorruptTensorException("unknown encoding '" + encodingId + "' (installed: " + ids()
                    + "); add the module that provides it to the class path");
        }
        if (blobVersion < 1 || blobVersion > e.version()) {
            throw new CorruptTensorException("encoding '" + encodingId + "' version " + blobVersion
                    + " is not supported (this library reads 1.." + e.version() + ")");
        }
        return e;
    }

    private static ByteBuffer view(ByteBuffer blob) {
        return blob.slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    private static CorruptTensorException failed(String encodingId, RuntimeException ex) {
        return new CorruptTensorException("encoding '" + encodingId + "' failed on a malformed blob: " + ex, ex);
    }
}
