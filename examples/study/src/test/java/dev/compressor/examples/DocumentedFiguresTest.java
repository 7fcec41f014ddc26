package dev.compressor.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import dev.compressor.examples.settings.DeepCompressionHan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The figures the README and the docs quote are the figures the committed records give: each test
 * recomputes a quoted figure from {@code docs/full-study/results.jsonl}, {@code docs/small-tier/results.jsonl},
 * {@code docs/small-tier/int8-channel-10k-results.jsonl} or a small-tier training record
 * ({@code smalltier/weights/<id>.json}) and asserts that the document quotes exactly that figure, formatted
 * as quoted. Whitespace runs (line breaks included) count as one space. Reads files only.
 */
class DocumentedFiguresTest {

    /** The repository root: tests run in the examples module. */
    private static final Path ROOT = Path.of("../..");
    private static final List<String> IMAGE_FAMILIES = List.of("inception_v1", "inception_v2", "inception_v3",
            "inception_v4", "resnet11", "resnet20", "resnet29", "vgg8", "vgg10", "mobilenet");
    /** VGG-16 (configuration D) weight layers: 3x3 convolutions as (in, out), then fc6, fc7, fc8. */
    private static final int[][] VGG16_CONVS = {{3, 64}, {64, 64}, {64, 128}, {128, 128}, {128, 256}, {256, 256},
        {256, 256}, {256, 512}, {512, 512}, {512, 512}, {512, 512}, {512, 512}, {512, 512}};
    private static final int[][] VGG16_FCS = {{25088, 4096}, {4096, 4096}, {4096, 1000}};

    private static final Map<String, JsonObject> FULL = cells("docs/full-study/results.jsonl");
    private static final Map<String, JsonObject> SMALL = cells("docs/small-tier/results.jsonl");
    private static final Map<String, JsonObject> SMALL_10K = cells("docs/small-tier/int8-channel-10k-results.jsonl");

    @Test
    void deepCompressionOnVgg16QuotesTheRecordedRatiosAndTheKeptFraction() {
        JsonObject cell = FULL.get("vgg16/deep_compression_han");
        long params = cell.get("parameterCount").getAsLong();
        long none = cell.getAsJsonObject("artifactBytes").get("NONE").getAsLong();
        long zstd = cell.getAsJsonObject("artifactBytes").get("ZSTD").getAsLong();
        double rawRatio = params * 4.0 / none;
        quoted("README.md", fmt("stores %.0f MB of fp32 parameters in %.1f MB, %.0fx", params * 4 / 1e6, none / 1e6,
                rawRatio));
        quoted("examples/study/DEEP_COMPRESSION.md", fmt("| **ratio to raw fp32 parameters** | **%.1fx** |", rawRatio));
        quoted("examples/study/DEEP_COMPRESSION.md", fmt("| **ratio to the ModelSerializer file** | **%.1fx** |",
                ratio(cell, "NONE")));
        quoted("examples/study/DEEP_COMPRESSION.md", fmt("| vgg16 | %,d | **%.1fx** | **%.1fx** | %,d | 49x |", none,
                rawRatio, ratio(cell, "NONE"), zstd));
        quoted("docs/full-study/README.md", fmt("VGG-16's own `deep_compression_han` cell: %.2f MB with zstd, %.1fx",
                zstd / 1e6, ratio(cell, "ZSTD")));
        JsonObject vgg19 = FULL.get("vgg19/deep_compression_han");
        quoted("docs/full-study/README.md", fmt("(%.2f MB with zstd, %.1fx)",
                vgg19.getAsJsonObject("artifactBytes").get("ZSTD").getAsLong() / 1e6, ratio(vgg19, "ZSTD")));

        long weights = 0;
        long biases = 0;
        List<Long> layerWeights = new ArrayList<>();
        for (int[] c : VGG16_CONVS) {
            layerWeights.add(9L * c[0] * c[1]);
            biases += c[1];
        }
        for (int[] f : VGG16_FCS) {
            layerWeights.add((long) f[0] * f[1]);
            biases += f[1];
        }
        List<Double> densities = new ArrayList<>(DeepCompressionHan.densities().values());
        assertEquals(layerWeights.size(), densities.size(), "one density per VGG-16 weight layer");
        long kept = 0;
        for (int i = 0; i < layerWeights.size(); i++) {
            weights += layerWeights.get(i);
            kept += Math.round(layerWeights.get(i) * densities.get(i));
        }
        assertEquals(params, weights + biases, "the VGG-16 shapes here against the record's parameter count");
        double keptPercent = 100.0 * kept / weights;
        quoted("examples/study/DEEP_COMPRESSION.md", fmt("keep %,d of %,d weights, %.2f %%", kept, weights, keptPercent));
        quoted("examples/study/DEEP_COMPRESSION.md", fmt("percentages keep %.2f %% of VGG-16's weights", keptPercent));
        quoted("examples/study/DEEP_COMPRESSION.md", fmt("about %.2f M more weights than 7.5 %% would keep",
                (kept - 0.075 * weights) / 1e6));
        quoted("examples/study/DEEP_COMPRESSION.md", fmt("Pruning %.0f %% of a network", 100 - keptPercent));
        quoted("docs/full-study/README.md", fmt("VGG-16's %.2f %% kept", keptPercent));

        quoted("examples/study/DEEP_COMPRESSION.md", fmt("measured compression %.1f s, load %.1f s, batch-1 latency p50 "
                + "%.2f s", cell.get("compressionNanos").getAsLong() / 1e9, cell.get("loadNanos").getAsLong() / 1e9,
                cell.getAsJsonObject("latency").get("p50Nanos").getAsLong() / 1e9));
        quoted("examples/study/DEEP_COMPRESSION.md", fmt("relative L2 of the logits %.3f, top-1 agreement %.0f",
                cell.getAsJsonObject("fidelity").get("relativeL2").getAsDouble(),
                cell.getAsJsonObject("fidelity").get("top1Agreement").getAsDouble()));
    }

    @Test
    void fullSweepCountsAndParameterCountsAreTheRecords() {
        assertEquals(308, lines("docs/full-study/results.jsonl"), "one line per cell");
        long ok = FULL.values().stream().filter(c -> "ok".equals(c.get("status").getAsString())).count();
        List<JsonObject> failed = FULL.values().stream()
                .filter(c -> !"ok".equals(c.get("status").getAsString())).collect(Collectors.toList());
        failed.forEach(c -> assertEquals("deep_compression_han", c.get("setting").getAsString()));
        quoted("docs/full-study/README.md", fmt("(%d lines, each cell once)", FULL.size()));
        quoted("docs/full-study/README.md", fmt("%d cells measured, %d failed, each `deep_compression_han`", ok,
                failed.size()));
        Map<String, Integer> perNetwork = new LinkedHashMap<>();
        Map<String, Long> parameters = new HashMap<>();
        FULL.values().forEach(c -> {
            perNetwork.merge(c.get("network").getAsString(), 1, Integer::sum);
            if (c.get("parameterCount").getAsLong() > 0) {
                parameters.put(c.get("network").getAsString(), c.get("parameterCount").getAsLong());
            }
        });
        quoted("README.md", fmt("extended on %d networks", perNetwork.size()));
        perNetwork.forEach((network, n) -> quoted("docs/full-study/README.md", fmt("| %s | %d |", network, n)));
        parameters.values().forEach(n -> quoted("examples/study/NETWORKS.md", fmt("| %,d |", n)));
    }

    @Test
    void smallTierTrainingFiguresAreTheWeightsRecords() {
        ToDoubleFunction<String> top1 = n -> weights(n, "weights.top1");
        ToDoubleFunction<String> seconds = n -> weights(n, "weights.trainSeconds");
        double minTop1 = IMAGE_FAMILIES.stream().mapToDouble(top1).min().orElseThrow();
        double maxTop1 = IMAGE_FAMILIES.stream().mapToDouble(top1).max().orElseThrow();
        quoted("README.md", fmt("Fashion-MNIST top-1 %.3f-%.3f on all 10,000 test images", minTop1, maxTop1));
        String wall = fmt("%,.0f to %,.0f s of wall time", IMAGE_FAMILIES.stream().mapToDouble(seconds).min()
                .orElseThrow(), IMAGE_FAMILIES.stream().mapToDouble(seconds).max().orElseThrow());
        quoted("README.md", "training took " + wall);
        quoted("examples/study/SMALL_TIER.md", "trainings took " + wall);
        quoted("docs/benchmarks.md", "took " + wall);
        for (String n : IMAGE_FAMILIES) {
            String row = row("examples/study/SMALL_TIER.md", "| `" + n + "`",
                    fmt("| %,d |", SMALL.get(n + "/fp32").get("parameterCount").getAsLong()));
            assertTrue(row.contains(fmt("| **%.4f** |", top1.applyAsDouble(n))), n + " top-1 in: " + row);
            assertTrue(row.contains(fmt("| %,.0f s |", seconds.applyAsDouble(n))), n + " wall time in: " + row);
            JsonObject training = new Gson().fromJson(read("examples/study/src/main/resources/smalltier/weights/" + n
                    + ".json"), JsonObject.class);
            String cpu = training.has("trainCpuSeconds")
                    ? fmt("| %,.0f s |", training.get("trainCpuSeconds").getAsDouble()) : "| not recorded |";
            assertTrue(row.contains(cpu), n + " CPU time " + cpu + " in: " + row);
            JsonObject tenK = SMALL_10K.get(n + "/int8_channel").getAsJsonObject("accuracy");
            assertEquals(top1.applyAsDouble(n), tenK.get("fp32Top1").getAsDouble(), 1e-9,
                    n + ": the 10,000-image fp32 top-1 is the training record's");
        }
        JsonObject nmt = SMALL.get("nmt/fp32").getAsJsonObject("translation");
        quoted("README.md", fmt("BLEU %.2f, copying the source %.2f", nmt.get("fp32Bleu").getAsDouble(),
                nmt.get("copyBaselineBleu").getAsDouble()));
    }

    @Test
    void smallTierAccuracyFiguresAreTheCellRecords() {
        double maxInt8 = IMAGE_FAMILIES.stream().mapToDouble(n -> Math.abs(delta(n, "int8_channel"))).max()
                .orElseThrow();
        quoted("README.md", fmt("int8 per-channel stays within %.1f points of fp32 on every family",
                Math.ceil(maxInt8 * 10 - 1e-9) / 10));
        quoted("docs/small-tier/README.md", IMAGE_FAMILIES.stream().map(n -> fmt("%+.2f", delta(n, "int8_channel")))
                .collect(Collectors.joining(", ")) + " points for inception_v1, v2, v3, v4,");
        String last = IMAGE_FAMILIES.get(IMAGE_FAMILIES.size() - 1);
        quoted("examples/study/SMALL_TIER.md", "int8 per-channel moved top-1 by " + IMAGE_FAMILIES.stream()
                .filter(n -> !n.equals(last)).map(n -> fmt("%+.2f (%s)", delta(n, "int8_channel"), n))
                .collect(Collectors.joining(", ")) + fmt(" and %+.2f points (%s)", delta(last, "int8_channel"), last));
        for (String doc : List.of("examples/study/SMALL_TIER.md", "docs/small-tier/README.md")) {
            quoted(doc, fmt("(50 %%: resnet11 %.1f points, mobilenet %.1f; vgg8 %.1f)", delta("resnet11", "prune50"),
                    delta("mobilenet", "prune50"), delta("vgg8", "prune50")));
        }
        for (String doc : List.of("README.md", "examples/study/SMALL_TIER.md")) {
            quoted(doc, fmt("(`resnet11/int4/small`: %.2f on the first 1,000 test images", delta("resnet11", "int4")));
        }
        List<Double> channel50 = IMAGE_FAMILIES.stream().filter(n -> !n.equals("mobilenet"))
                .map(n -> -delta(n, "channel50")).sorted().collect(Collectors.toList());
        double mobilenetSaved = 1 - bytes("mobilenet/channel50") / bytes("mobilenet/fp32");
        quoted("docs/small-tier/README.md", fmt("costs %.0f-%.0f points everywhere except mobilenet (%+.1f, zstd "
                + "artifact %.1f %% smaller", channel50.get(0), channel50.get(channel50.size() - 1),
                delta("mobilenet", "channel50"), 100 * mobilenetSaved));

        List<Double> tenK = IMAGE_FAMILIES.stream().map(n -> SMALL_10K.get(n + "/int8_channel")
                .getAsJsonObject("accuracy").get("top1DeltaPoints").getAsDouble()).sorted().collect(Collectors.toList());
        quoted("examples/study/SMALL_TIER.md", fmt("int8 per-channel moves top-1 by %+.2f to %+.2f points", tenK.get(0),
                tenK.get(tenK.size() - 1)));
        for (String n : IMAGE_FAMILIES) {
            JsonObject a = SMALL_10K.get(n + "/int8_channel").getAsJsonObject("accuracy");
            quoted("docs/small-tier/README.md", fmt("| %s | %.4f | %.4f | %+.2f | %.4f / %.4f |", n,
                    a.get("fp32Top1").getAsDouble(), a.get("top1").getAsDouble(),
                    a.get("top1DeltaPoints").getAsDouble(), a.get("fp32Top5").getAsDouble(),
                    a.get("top5").getAsDouble()));
        }

        long ok = SMALL.values().stream().filter(c -> "ok".equals(c.get("status").getAsString())).count();
        quoted("docs/small-tier/README.md", fmt("under %d settings: %d cells, %d measured, %d failed on purpose",
                settingsOf("vgg8"), SMALL.size(), ok, SMALL.size() - ok));
        JsonObject int8 = SMALL.get("nmt/int8_channel").getAsJsonObject("translation");
        quoted("docs/small-tier/README.md", fmt("model (%.2f against %.2f, %.2fx smaller)",
                int8.get("bleu").getAsDouble(), int8.get("fp32Bleu").getAsDouble(), ratio(SMALL.get("nmt/int8_channel"),
                        "ZSTD")));
        quoted("examples/study/SMALL_TIER.md", fmt("pruning 50 %% of the weights without fine-tuning costs %.0f BLEU points",
                -SMALL.get("nmt/prune50").getAsJsonObject("translation").get("bleuDeltaPoints").getAsDouble()));
    }

    @Test
    void smallTierRecoveryFiguresAreTheCellRecords() {
        Map<String, JsonObject> rec = cells("docs/small-tier-recovery/results.jsonl");
        int rows = 0;
        for (JsonObject ft : rec.values()) {
            String setting = ft.get("setting").getAsString();
            String network = ft.get("network").getAsString();
            if (!setting.endsWith("_ft") || !"ok".equals(ft.get("status").getAsString())) {
                continue;
            }
            String base = setting.substring(0, setting.length() - "_ft".length());
            JsonObject one = rec.get(network + "/" + base);
            JsonObject recal = rec.get(network + "/" + base + "_recal");
            JsonObject p = ft.getAsJsonObject("provenance");
            if (network.equals("nmt")) {
                quoted("docs/small-tier-recovery/README.md", fmt("BLEU %.2f one-shot, %.2f fine-tuned (%s s, %s "
                        + "minibatches), fp32 %.2f", bleu(one), bleu(ft), p.get("fineTuning.wallSeconds").getAsString(),
                        p.get("fineTuning.iterations").getAsString(), ft.getAsJsonObject("translation")
                                .get("fp32Bleu").getAsDouble()));
                rows++;
                continue;
            }
            if (base.equals("fp32")) {
                quoted("docs/small-tier-recovery/README.md", fmt("%s %s (%s s, %s minibatches)", network, top1(ft),
                        p.get("fineTuning.wallSeconds").getAsString(), p.get("fineTuning.iterations").getAsString()));
                rows++;
                continue;
            }
            if (one == null || recal == null) {
                continue;
            }
            quoted("docs/small-tier-recovery/README.md", fmt("| %s | %s | %s | %s | %s | %s s, %s |", network, base,
                    top1(one), top1(recal), top1(ft), p.get("fineTuning.wallSeconds").getAsString(),
                    p.get("fineTuning.iterations").getAsString()));
            rows++;
        }
        assertTrue(rows > 0, "the committed recovery records hold fine-tuned cells");
    }

    private static String top1(JsonObject cell) {
        JsonObject a = cell.getAsJsonObject("accuracy");
        return fmt("%.4f (%+.2f)", a.get("top1").getAsDouble(), a.get("top1DeltaPoints").getAsDouble());
    }

    private static double bleu(JsonObject cell) {
        return cell.getAsJsonObject("translation").get("bleu").getAsDouble();
    }

    @Test
    void quickStudyFiguresAreItsPairedRecords() {
        Map<String, JsonObject> quick = cells("docs/quick-study/results.jsonl");
        double lo = Double.MAX_VALUE;
        double hi = 0;
        double widest = 0;
        int controls = 0;
        for (JsonObject c : quick.values()) {
            JsonObject paired = c.getAsJsonObject("paired");
            if (paired.get("control").getAsBoolean()) {
                JsonObject l = paired.getAsJsonObject("latencyVsFp32");
                assertEquals("SAME", l.get("verdict").getAsString(), c.get("network") + "/" + c.get("setting"));
                lo = Math.min(lo, l.get("ratio").getAsDouble());
                hi = Math.max(hi, l.get("ratio").getAsDouble());
                widest = Math.max(widest, l.get("upper").getAsDouble() - l.get("lower").getAsDouble());
                controls++;
            }
        }
        assertEquals(8, controls);
        String range = fmt("ratios %.3f to %.3f", lo, hi);
        quoted("docs/quick-study/README.md", range + ", the widest interval " + fmt("%.3f", widest));
        quoted("README.md", "(" + range + ")");
        for (String net : List.of("mobilenet_v1", "inception_v1")) {
            JsonObject r = quick.get(net + "/int8_channel_resident").getAsJsonObject("paired")
                    .getAsJsonObject("latencyVsFp32");
            String figure = fmt("%.2fx [%.2f, %.2f]", r.get("ratio").getAsDouble(), r.get("lower").getAsDouble(),
                    r.get("upper").getAsDouble());
            quoted("docs/quick-study/README.md", figure);
            quoted("README.md", figure);
            quoted("docs/quick-study/README.md", fmt("%.2fx", ratio(quick.get(net + "/int8_channel"), "ZSTD")));
        }
    }

    private static int settingsOf(String network) {
        return (int) SMALL.keySet().stream().filter(k -> k.startsWith(network + "/")).count();
    }

    private static double delta(String network, String setting) {
        return SMALL.get(network + "/" + setting).getAsJsonObject("accuracy").get("top1DeltaPoints").getAsDouble();
    }

    private static double weights(String network, String key) {
        return Double.parseDouble(SMALL.get(network + "/fp32").getAsJsonObject("provenance").get(key).getAsString());
    }

    private static double bytes(String cell) {
        return SMALL.get(cell).getAsJsonObject("artifactBytes").get("ZSTD").getAsDouble();
    }

    private static double ratio(JsonObject cell, String compression) {
        return cell.getAsJsonObject("ratioToReference").get(compression).getAsDouble();
    }

    /** Asserts that a document quotes a figure exactly as given (whitespace runs as one space). */
    private static void quoted(String doc, String expected) {
        String text = read(doc).replaceAll("\\s+", " ");
        assertTrue(text.contains(expected.replaceAll("\\s+", " ")),
                () -> doc + " should quote the recorded figure: " + expected);
    }

    private static String row(String doc, String start, String holding) {
        return read(doc).lines().filter(l -> l.startsWith(start) && l.contains(holding)).findFirst()
                .orElseThrow(() -> new AssertionError(doc + " has no row starting " + start + " with " + holding));
    }

    private static String read(String doc) {
        try {
            return Files.readString(ROOT.resolve(doc), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long lines(String file) {
        return read(file).lines().filter(l -> !l.isBlank()).count();
    }

    /** Cells keyed by {@code network/setting}; a file with a cell twice fails. */
    private static Map<String, JsonObject> cells(String file) {
        Gson gson = new Gson();
        Map<String, JsonObject> cells = new LinkedHashMap<>();
        read(file).lines().filter(l -> !l.isBlank()).forEach(l -> {
            JsonObject o = gson.fromJson(l, JsonObject.class);
            String key = o.get("network").getAsString() + "/" + o.get("setting").getAsString();
            if (cells.put(key, o) != null) {
                throw new IllegalStateException(file + " holds " + key + " twice");
            }
        });
        return cells;
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
