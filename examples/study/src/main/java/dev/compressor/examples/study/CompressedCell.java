package dev.compressor.examples.study;

import com.google.common.base.Ticker;
import dev.compressor.api.CompressionResult;
import dev.compressor.api.Compressor;
import dev.compressor.api.artifact.ArtifactException;
import dev.compressor.api.artifact.CompressedModel;
import dev.compressor.api.artifact.OuterCompression;
import dev.compressor.api.artifact.ReadLimits;
import dev.compressor.examples.settings.Setting;
import dev.compressor.examples.settings.SettingNotApplicable;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The part of a small-tier cell that does not depend on what is evaluated: a trained graph
 * compressed by a setting, the artifact's bytes per outer compression, and the graph restored from
 * the zstd bytes in the setting's runtime mode. Shared by the image and the translation measurers.
 * Immutable apart from the restored graph, which the caller closes.
 *
 * @param description the compressor's description
 * @param compressionNanos compression wall time, ns
 * @param artifactBytes artifact bytes per outer compression (NONE, GZIP, ZSTD)
 * @param artifactProvenance the artifact's own provenance entries
 * @param loadNanos wall time to read and restore the zstd artifact, ns
 * @param restored the restored graph
 */
record CompressedCell(String description, long compressionNanos, Map<String, Long> artifactBytes,
                      Map<String, String> artifactProvenance, long loadNanos, ComputationGraph restored) {

    /**
     * Compresses, writes and restores.
     *
     * @param trained the trained graph (not modified)
     * @param setting the setting
     * @param calibration inputs for settings that calibrate activations
     * @param ticker the clock, monotonic nanoseconds
     * @return the cell's compression part
     * @throws IOException if the artifact cannot be written
     * @throws ArtifactException if the artifact cannot be read back or restored
     * @throws IllegalStateException if the artifact does not restore to a {@link ComputationGraph}
     */
    static CompressedCell of(ComputationGraph trained, Setting setting, INDArray[] calibration, Ticker ticker)
            throws IOException, ArtifactException {
        Compressor compressor = setting.needsCalibration() ? setting.compressor(calibration) : setting.compressor();
        long t0 = ticker.read();
        CompressionResult result = compressor.compress(trained);
        long compressionNanos = ticker.read() - t0;
        SettingNotApplicable.checkRemovedSomething(setting, trained.numParams(), result.network().numParams());
        Map<String, Long> bytes = new LinkedHashMap<>();
        byte[] zstd = null;
        for (OuterCompression outer : List.of(OuterCompression.NONE, OuterCompression.GZIP, OuterCompression.ZSTD)) {
            byte[] b = result.artifact().toBytes(outer);
            bytes.put(outer.name(), (long) b.length);
            if (outer == OuterCompression.ZSTD) {
                zstd = b;
            }
        }
        Map<String, String> provenance = new LinkedHashMap<>(result.artifact().provenance().entries());
        String description = compressor.describe();
        result = null; // let the compressed tensors go before restoring
        t0 = ticker.read();
        Model model = CompressedModel.fromBytes(zstd, ReadLimits.DEFAULT).restore(setting.runtimeMode());
        long loadNanos = ticker.read() - t0;
        if (!(model instanceof ComputationGraph restored)) {
            throw new IllegalStateException("the artifact restored to a " + model.getClass().getName()
                    + ", not a ComputationGraph");
        }
        return new CompressedCell(description, compressionNanos, bytes, provenance, loadNanos, restored);
    }
}
