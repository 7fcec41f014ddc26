package dev.compressor.examples.study;

import com.google.common.base.Ticker;
import dev.compressor.api.CompressionResult;
import dev.compressor.api.Compressor;
import dev.compressor.api.artifact.ArtifactException;
import dev.compressor.api.artifact.CompressedModel;
import dev.compressor.api.artifact.OuterCompression;
import dev.compressor.api.artifact.ReadLimits;
import dev.compressor.examples.settings.FineTuning;
import dev.compressor.examples.settings.Setting;
import dev.compressor.examples.settings.SettingNotApplicable;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
     * @param calibration inputs for settings that calibrate (activations, batch-norm recalibration)
     * @param fineTuning training data, budget and learning rate for fine-tuned settings; null where the
     *     subject gives none (a fine-tuned setting then fails with a message saying so)
     * @param ticker the clock, monotonic nanoseconds
     * @return the cell's compression part
     * @throws IOException if the artifact cannot be written
     * @throws ArtifactException if the artifact cannot be read back or restored
     * @throws IllegalStateException if the artifact does not restore to a {@link ComputationGraph}
     */
    static CompressedCell of(ComputationGraph trained, Setting setting, INDArray[] calibration,
            FineTuningInputs fineTuning, Ticker ticker) throws IOException, ArtifactException {
        Map<String, String> provenance = new LinkedHashMap<>();
        CompressionResult result;
        String description;
        long t0 = ticker.read();
        if (setting.fineTuned()) {
            if (fineTuning == null) {
                throw new IllegalArgumentException("setting '" + setting.id() + "' fine-tunes on labelled "
                        + "training data, and none was given");
            }
            FineTuning.Outcome o = setting.fineTune(trained, fineTuning.train().get(), fineTuning.budget(),
                    fineTuning.learningRate());
            result = o.compression();
            description = setting.description();
            provenance.put("fineTuning.budget", fineTuning.budget().toString());
            provenance.put("fineTuning.learningRate", Double.toString(o.learningRate()));
            provenance.put("fineTuning.wallSeconds", String.format(Locale.ROOT, "%.1f", o.wallNanos() / 1e9));
            provenance.put("fineTuning.epochs", Integer.toString(o.epochs()));
            provenance.put("fineTuning.iterations", Long.toString(o.iterations()));
            provenance.put("fineTuning.stoppedBy", o.wallTimeReached() ? "wall time" : "epochs");
        } else {
            Compressor compressor = setting.needsCalibration() ? setting.compressor(calibration) : setting.compressor();
            result = compressor.compress(trained);
            description = compressor.describe();
        }
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
        provenance.putAll(result.artifact().provenance().entries());
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
