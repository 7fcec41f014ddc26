package dev.compressor.examples;

import dev.compressor.api.artifact.ArtifactException;
import dev.compressor.api.artifact.RuntimeMode;
import dev.compressor.api.energy.EnergyMeterException;
import dev.compressor.api.energy.EnergyMeters;
import dev.compressor.api.energy.MeterChoice;
import dev.compressor.api.profile.PairedComparison;
import dev.compressor.api.profile.PairedProfile;
import dev.compressor.api.profile.PairedProfiler;
import dev.compressor.quant.Quantization;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Example: is the compressed network faster, and does it use less energy? Profiling one network
 * after the other misleads (whatever runs first in a fresh JVM looks slow, and machines drift), so
 * {@link PairedProfiler} runs the arms in interleaved rounds and reports a ratio with a 95 %
 * interval and a verdict. A negative control, fp32 against an identical copy, must come out "same";
 * if it does not, the machine is too noisy to trust the other verdict. The energy meter is the best
 * one this machine has (RAPL, INA3221 or tegrastats), else an estimate from CPU time, said so.
 *
 * <p>On few cores run it with {@code OMP_NUM_THREADS=1} so that ND4J's threads do not compete with the
 * JVM's: on the project's 2-core machine the control came out "same" with one thread, undecided with two.
 *
 * <p>Run: {@code mvn -B -q -pl examples exec:java -Dexamples.main=dev.compressor.examples.ProfileWithEnergy}
 */
public final class ProfileWithEnergy {

    /** What the example found: the meter, and the control's and resident int8's latency comparisons. */
    public record Result(String meter, boolean estimated, PairedComparison control, PairedComparison residentInt8) {
    }

    private ProfileWithEnergy() {
    }

    /** @param args none @throws Exception if restoring or metering fails */
    public static void main(String[] args) throws Exception {
        run(200, System.out);
    }

    /**
     * Runs the example.
     * @param rounds paired rounds, at least 8 for a verdict
     * @param out where to print
     * @return what it found
     * @throws ArtifactException if restoring fails
     * @throws EnergyMeterException if the energy meter fails
     */
    public static Result run(int rounds, PrintStream out) throws ArtifactException, EnergyMeterException {
        MultiLayerNetwork fp32 = ExampleNetworks.smallCnn(42);
        MultiLayerNetwork copy = ExampleNetworks.smallCnn(42);                 // the negative control
        Model int8 = Quantization.int8PerChannel().compress(fp32).artifact().restore(RuntimeMode.RESIDENT_QUANTIZED);
        INDArray image = ExampleNetworks.images(1, 7);

        MeterChoice meter = EnergyMeters.best();
        out.println("energy meter: " + meter.provider() + (meter.meter().estimated() ? " (an ESTIMATE)" : ""));
        Map<String, Supplier<Object>> arms = new LinkedHashMap<>();
        arms.put("fp32", PairedProfiler.inference(fp32, image));
        arms.put("fp32 copy", PairedProfiler.inference(copy, image));
        arms.put("int8 resident", PairedProfiler.inference(int8, image));
        PairedProfile profile = PairedProfiler.builder().rounds(rounds).energyMeter(meter.meter()).build()
                .compare(arms);

        PairedComparison control = profile.latencyRatio("fp32 copy", "fp32");
        PairedComparison resident = profile.latencyRatio("int8 resident", "fp32");
        out.println("latency, fp32 copy / fp32 (must be same): " + control.format() + " "
                + control.verdict().latencyWord());
        out.println("latency, int8 resident / fp32: " + resident.format() + " " + resident.verdict().latencyWord());
        out.println("energy, int8 resident / fp32: " + profile.energyRatio("int8 resident", "fp32")
                .map(e -> e.format() + " " + e.verdict().costWord() + (meter.meter().estimated() ? " (ESTIMATE)" : ""))
                .orElse("not measured (a turn is shorter than this meter resolves)"));
        return new Result(meter.provider(), meter.meter().estimated(), control, resident);
    }
}
