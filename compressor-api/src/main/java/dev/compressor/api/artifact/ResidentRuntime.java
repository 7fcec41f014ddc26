package dev.compressor.api.artifact;

import org.deeplearning4j.nn.api.Model;

/**
 * Service-provider interface for {@link RuntimeMode#RESIDENT_QUANTIZED}: builds a runnable network
 * whose weights stay encoded in memory. Registered through {@link java.util.ServiceLoader}.
 */
public interface ResidentRuntime {

    /**
     * Restores a network that keeps the artifact's encoded weights resident.
     *
     * @param model a validated artifact
     * @return the runnable network
     * @throws ArtifactException if the artifact cannot be restored in this mode
     */
    Model restoreResident(CompressedModel model) throws ArtifactException;
}
