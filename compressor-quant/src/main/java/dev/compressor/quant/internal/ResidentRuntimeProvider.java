package dev.compressor.quant.internal;

import dev.compressor.api.artifact.ArtifactException;
import dev.compressor.api.artifact.CompressedModel;
import dev.compressor.api.artifact.ResidentRuntime;
import org.deeplearning4j.nn.api.Model;

/**
 * The {@link ResidentRuntime} of this module, found by
 * {@link CompressedModel#restore(dev.compressor.api.artifact.RuntimeMode)} through
 * {@link java.util.ServiceLoader}: restores with {@link ResidentAssembler#defaultBudget}.
 * Stateless and thread-safe.
 */
public final class ResidentRuntimeProvider implements ResidentRuntime {

    /** Creates the provider (for {@link java.util.ServiceLoader}). */
    public ResidentRuntimeProvider() {
    }

    @Override
    public Model restoreResident(CompressedModel model) throws ArtifactException {
        return ResidentAssembler.restore(model, ResidentAssembler.defaultBudget(model));
    }
}
