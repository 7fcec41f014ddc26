package dev.compressor.examples;

import dev.compressor.api.CompressionResult;
import dev.compressor.api.artifact.ArtifactException;
import dev.compressor.api.artifact.CompressedModel;
import dev.compressor.api.energy.EnergyMeterException;
import dev.compressor.api.energy.EnergyMeters;
import dev.compressor.api.profile.Profile;
import dev.compressor.api.profile.Profiler;
import dev.compressor.quant.Quantization;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Example: the whole round trip in one program, as the README's usage section shows it: compress,
 * read the report, write the artifact, load it back, profile the restored network.
 *
 * <p>Run: {@code mvn -B -q -pl examples exec:java -Dexamples.main=dev.compressor.examples.QuickStart}
 */
public final class QuickStart {

    private QuickStart() {
    }

    /**
     * @param args optional: the directory to write model.dlc into (default: a new temporary directory)
     * @throws Exception if writing, loading or metering fails
     */
    public static void main(String[] args) throws Exception {
        run(args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("quickstart"), System.out);
    }

    /**
     * Runs the example.
     *
     * @param dir an existing directory to write model.dlc into
     * @param out where to print
     * @return the profile of the restored network
     * @throws IOException if the artifact cannot be written
     * @throws ArtifactException if it cannot be loaded
     * @throws EnergyMeterException if no energy meter can start
     */
    public static Profile run(Path dir, PrintStream out) throws IOException, ArtifactException, EnergyMeterException {
        MultiLayerNetwork network = ExampleNetworks.smallCnn(42);         // your own initialised FLOAT network
        INDArray input = ExampleNetworks.images(1, 7);                    // one input of the shape it takes

        CompressionResult result = Quantization.int8PerChannel().compress(network);   // network is not changed
        out.print(result.report().toTable());           // per layer: encoding, bits/weight, SQNR, max error
        Path file = dir.resolve("model.dlc");
        result.artifact().write(file);                  // atomic; zstd by default

        Model restored = CompressedModel.load(file);     // or CompressedModel.read(file).restore()
        Profile profile = Profiler.builder().warmupIterations(5).measuredIterations(50)
                .energyMeter(EnergyMeters.best().meter()).build()
                .profile(restored, input);
        out.println(profile.summary());                 // latency, throughput, joules per inference
        return profile;
    }
}
