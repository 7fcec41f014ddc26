package dev.compressor.api.artifact;

import dev.compressor.api.tensor.TensorInfo;
import java.util.Objects;

/**
 * One parameter tensor as an artifact stores it: where it belongs and how it is encoded.
 *
 * @param info the tensor's place and role in the network
 * @param encodingId the id of the {@link dev.compressor.api.encoding.TensorEncoding} that decodes it
 * @param encodingVersion the blob's version
 * @param encodingDescription a human-readable summary of the settings, e.g. {@code "int8 per-channel"}
 * @param blobLength the encoded size in bytes
 * @param blobCrc32c the CRC-32C of the blob
 */
public record ArtifactTensor(TensorInfo info, String encodingId, int encodingVersion, String encodingDescription,
        long blobLength, int blobCrc32c) {

    /** Validates the fields. */
    public ArtifactTensor {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(encodingId, "encodingId");
        Objects.requireNonNull(encodingDescription, "encodingDescription");
        if (encodingVersion < 1) {
            throw new IllegalArgumentException("encodingVersion must be >= 1, got " + encodingVersion);
        }
        if (blobLength < 0) {
            throw new IllegalArgumentException("blobLength must be >= 0, got " + blobLength);
        }
    }

    /**
     * Stored bits per element.
     *
     * @return {@code 8 * blobLength / elements}
     */
    public double bitsPerElement() {
        return 8.0 * blobLength / info.length();
    }
}
