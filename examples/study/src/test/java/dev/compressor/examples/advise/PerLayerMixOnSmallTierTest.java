package dev.compressor.examples.advise;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.advisor.Advice;
import dev.compressor.api.advisor.Advisor;
import dev.compressor.api.advisor.Candidate;
import dev.compressor.api.advisor.Constraints;
import dev.compressor.api.advisor.Measurement;
import dev.compressor.api.advisor.Objective;
import dev.compressor.api.artifact.CompressedModel;
import dev.compressor.api.artifact.OuterCompression;
import dev.compressor.api.artifact.ReadLimits;
import dev.compressor.api.profile.Profiler;
import dev.compressor.examples.settings.Setting;
import dev.compressor.examples.smalltier.data.FashionMnistData;
import dev.compressor.examples.smalltier.data.ImageSplit;
import dev.compressor.examples.smalltier.image.SmallNetwork;
import dev.compressor.examples.smalltier.image.SmallTierWeights;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;

/**
 * Per-layer quantization mixes against the uniform grid on the committed trained {@code vgg8}
 * (the quickest small-tier family to evaluate) with real Fashion-MNIST test images: does a mix
 * suggested by per-layer sensitivity beat the best uniform setting on size within the accuracy
 * limit? The answer is printed, not asserted (it is a measurement); what is asserted is that the
 * mixes are measured and that the recommendation meets its limit when its artifact is restored
 * and evaluated again.
 *
 * <p>Sized for the test suite by default (250 images, 4 and 3 bits). The figures in the README
 * come from {@code -Dadvise.mix.examples=1000 -Dadvise.mix.bits=4,3,2 -Dadvise.mix.maxdrop=0.5
 * -Dadvise.mix.heldout=4000}: the held-out images (after the evaluation ones) re-measure fp32 and
 * every candidate on data the choice never saw.
 */
class PerLayerMixOnSmallTierTest {

    @Test
    void mixesAreMeasuredNextToTheUniformGridAndTheChoiceHoldsWhenRemeasured() throws Exception {
        int n = Integer.getInteger("advise.mix.examples", 250);
        int heldOut = Integer.getInteger("advise.mix.heldout", 0);
        double maxDrop = Double.parseDouble(System.getProperty("advise.mix.maxdrop", "1.0")) / 100;
        int[] harsh = Arrays.stream(System.getProperty("advise.mix.bits", "4,3").split(","))
                .mapToInt(s -> Integer.parseInt(s.trim())).toArray();
        ImageSplit test = FashionMnistData.fromClasspath().test();
        ComputationGraph vgg8 = SmallTierWeights.fromClasspath(SmallNetwork.VGG8).orElseThrow();
        Top1Accuracy metric = Top1Accuracy.forNetwork(vgg8, test.first(n));

        long t0 = System.nanoTime();
        LayerMixes gen = LayerMixes.of(metric, maxDrop).bits(8, harsh);
        QuantSensitivity s = gen.quantSensitivity(vgg8);
        List<LayerMix> mixes = gen.quantizationMixes(s);
        System.out.print(s.toTable());
        System.out.printf(Locale.ROOT, "sensitivity: %d evaluations in %.1f s%n", s.layers().size() * harsh.length + 1,
                (System.nanoTime() - t0) / 1e9);
        mixes.forEach(m -> System.out.println(m.describe()));

        List<Candidate> uniform = new ArrayList<>();
        for (Setting g : List.of(Setting.INT8_CHANNEL, Setting.INT6, Setting.INT4, Setting.KMEANS5)) {
            uniform.add(GridCandidates.candidate(g));
        }
        List<Candidate> all = new ArrayList<>(uniform);
        mixes.forEach(m -> all.add(m.candidate()));
        Advice advice = Advisor.builder().quality(metric).inputs(metric.input(1))
                .profiler(Profiler.builder().warmupIterations(1).measuredIterations(3).build())
                .objective(Objective.size()).constraints(Constraints.none().withMaxQualityDrop(maxDrop))
                .candidates(all).progress(System.out::println).build().advise(vgg8);
        System.out.print(advice.toTable());

        for (LayerMix m : mixes) {
            Measurement x = advice.find(m.candidate().name()).orElseThrow();
            assertTrue(x.ok(), m.candidate().name() + ": " + x.error());
        }
        Optional<Measurement> bestUniform = bestFeasible(advice, uniform.stream().map(Candidate::name).toList());
        Optional<Measurement> bestMix = bestFeasible(advice, mixes.stream().map(m -> m.candidate().name()).toList());
        System.out.printf(Locale.ROOT, "RESULT vgg8 n=%d maxDrop=%.2fpts bits=8/%s: best uniform %s, best mix %s: %s%n",
                n, 100 * maxDrop, Arrays.toString(harsh), describe(bestUniform, advice), describe(bestMix, advice),
                bestMix.isPresent() && (bestUniform.isEmpty()
                        || bestMix.get().artifactBytes() < bestUniform.get().artifactBytes())
                        ? "the mix is smaller" : "the mix does not beat the uniform best");

        if (advice.recommendation().isPresent()) {
            Measurement chosen = advice.recommendation().get();
            Model again = CompressedModel.fromBytes(chosen.candidate().compressor().compress(vgg8).artifact()
                    .toBytes(OuterCompression.ZSTD), ReadLimits.DEFAULT).restore(chosen.candidate().mode());
            double drop = advice.baseline().quality() - metric.evaluate(again);
            assertTrue(drop <= maxDrop + 1e-12, chosen.candidate().name() + " re-measured drop " + drop);
        } else {
            assertFalse(advice.reasons().isEmpty());
        }
        if (heldOut > 0) {
            ImageSplit rest = new ImageSplit(flatPixels(test, n, heldOut), Arrays.copyOfRange(test.labels(), n, n + heldOut),
                    test.height(), test.width(), test.classes());
            Top1Accuracy held = Top1Accuracy.forNetwork(vgg8, rest);
            double fp32 = held.evaluate(vgg8);
            System.out.printf(Locale.ROOT, "HELDOUT %d images: fp32 %.4f%n", heldOut, fp32);
            for (Measurement m : advice.measured()) {
                if (m.ok() && m != advice.baseline()) {
                    double q = held.evaluate(m.candidate().compressor().compress(vgg8).network());
                    System.out.printf(Locale.ROOT, "HELDOUT %-14s %7d bytes  eval %.4f (%+.2f pts)  held-out %.4f "
                            + "(%+.2f pts)%n", m.candidate().name(), m.artifactBytes(), m.quality(),
                            100 * (m.quality() - advice.baseline().quality()), q, 100 * (q - fp32));
                }
            }
        }
    }

    private static Optional<Measurement> bestFeasible(Advice a, List<String> names) {
        return a.measured().stream().filter(m -> names.contains(m.candidate().name()) && m.ok()
                        && a.constraints().violations(m, a.baseline()).isEmpty())
                .min((x, y) -> Long.compare(x.artifactBytes(), y.artifactBytes()));
    }

    private static String describe(Optional<Measurement> m, Advice a) {
        return m.map(x -> String.format(Locale.ROOT, "%s %d bytes top-1 %.4f (%+.2f pts)", x.candidate().name(),
                x.artifactBytes(), x.quality(), 100 * (x.quality() - a.baseline().quality()))).orElse("none within the limit");
    }

    private static float[] flatPixels(ImageSplit test, int from, int n) {
        return test.images(from, n).data().asFloat();
    }
}
