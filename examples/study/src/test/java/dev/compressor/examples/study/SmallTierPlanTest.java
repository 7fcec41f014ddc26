package dev.compressor.examples.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.base.Ticker;
import dev.compressor.examples.settings.Setting;
import dev.compressor.examples.smalltier.image.SmallNetwork;
import dev.compressor.examples.smalltier.image.SmallTierWeights;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmallTierPlanTest {

    @TempDir
    Path dir;

    private void copyCommitted(String name) throws Exception {
        try (InputStream in = SmallTierWeights.class.getResourceAsStream(SmallTierWeights.RESOURCES + name)) {
            Files.write(dir.resolve(name), in.readAllBytes());
        }
    }

    @Test
    void networksWithoutWeightsAreSkippedAndHaveNoCells() throws Exception {
        copyCommitted("vgg8.dlc");
        copyCommitted("vgg8.json");
        SmallTierPlan plan = new SmallTierPlan(List.of("vgg8", "resnet11", "mobilenet"),
                List.of(Setting.FP32, Setting.INT8_CHANNEL), 500, dir);
        assertEquals(List.of("vgg8"), plan.measured());
        assertEquals(List.of("resnet11", "mobilenet"), List.copyOf(plan.skipped().keySet()));
        assertEquals("no trained weights in " + dir, plan.skipped().get("resnet11"));
        assertEquals(List.of(new CellKey("vgg8", "fp32", "small"), new CellKey("vgg8", "int8_channel", "small")),
                plan.cells(Shard.ALL));
        assertEquals(List.of(new CellKey("vgg8", "int8_channel", "small")), plan.cells(new Shard(1, 2)));
        assertEquals(Map.of("vgg8", List.of(Setting.FP32, Setting.INT8_CHANNEL)), plan.byNetwork(Shard.ALL));
    }

    @Test
    void committedWeightsOfVgg8AreFoundOnTheClasspath() {
        SmallTierPlan plan = SmallTierPlan.all(List.of(Setting.FP32), 0);
        assertTrue(plan.measured().contains("vgg8"), plan.measured().toString());
        assertEquals(SmallNetwork.values().length + 1, plan.measured().size() + plan.skipped().size());
        assertTrue(SmallTierPlan.allSubjects().contains("nmt"), SmallTierPlan.allSubjects().toString());
    }

    @Test
    void weightsProvenanceReadsTheTrainingJson() throws Exception {
        // the training command's record, as SmallTierTrainCommand writes it
        java.nio.file.Files.writeString(dir.resolve("vgg8.json"), "{\"network\":\"vgg8\",\"parameters\":202078,"
                + "\"epochs\":4,\"batch\":64,\"seed\":42,\"learningRate\":0.002,\"trainExamples\":20000,"
                + "\"testExamples\":10000,\"top1\":0.8708,\"top5\":0.9975,\"trainSeconds\":1690.6,"
                + "\"trainCpuSeconds\":745.0,\"dataSource\":\"classpath subset /smalltier/fashion-mnist/\","
                + "\"date\":\"2026-11-29T05:21:06.050606831Z\",\"java\":\"17.0.15\",\"os\":\"Linux amd64\"}\n");
        Map<String, String> p = WeightsProvenance.of("vgg8", dir);
        assertEquals("2026-11-29T05:21:06.050606831Z", p.get("weights.date"));
        assertEquals("4", p.get("weights.epochs"));
        assertEquals("42", p.get("weights.seed"));
        assertEquals("20000", p.get("weights.trainExamples"));
        assertEquals("unknown", p.get("weights.commit"), "a temporary folder is no git repository");
        assertTrue(p.get("weights.file").endsWith("vgg8.dlc"), p.toString());
        assertFalse(p.containsKey("weights.jsonError"), p.toString());
    }

    @Test
    void nmtNeedsItsWeightsAndGermanCatalogsOtherwiseItIsSkippedWithTheReason() throws Exception {
        Path catalogs = NmtMeasurerTest.sedCatalogs(dir);
        Path empty = Files.createDirectories(dir.resolve("empty"));
        List<Setting> settings = List.of(Setting.FP32, Setting.INT8_CHANNEL);
        // no weights directory: the committed nmt.dlc on the classpath
        SmallTierPlan committed = new SmallTierPlan(List.of("nmt"), settings, 8, null, catalogs);
        assertEquals(List.of("nmt"), committed.measured());
        assertEquals(List.of(new CellKey("nmt", "fp32", "small"), new CellKey("nmt", "int8_channel", "small")),
                committed.cells(Shard.ALL));
        assertEquals(Map.of("nmt", settings), committed.byNetwork(Shard.ALL));
        // a weights directory without nmt.dlc
        Path weights = Files.createDirectories(dir.resolve("weights"));
        SmallTierPlan noWeights = new SmallTierPlan(List.of("vgg8", "nmt"), settings, 8, weights, catalogs);
        assertEquals(List.of(), noWeights.measured());
        assertEquals("no trained weights (nmt.dlc) in " + weights, noWeights.skipped().get("nmt"));
        assertEquals(List.of(), noWeights.cells(Shard.ALL));
        // weights but no catalogs (an empty folder, or none at all)
        SmallTierPlan noCatalogs = new SmallTierPlan(List.of("nmt"), settings, 8, null, empty);
        assertEquals(Map.of("nmt", "no German catalogs (*.mo) in " + empty), noCatalogs.skipped());
        assertEquals(List.of(), noCatalogs.cells(Shard.ALL));
        assertEquals(List.of(), new SmallTierPlan(List.of("nmt"), settings, 8, null, dir.resolve("missing")).measured());
        // weights in a directory (nmt.dlc is all the plan looks for) and catalogs: measured, after the image networks
        copyCommitted("vgg8.dlc");
        Files.write(weights.resolve("nmt.dlc"), new byte[] {1});
        Files.copy(dir.resolve("vgg8.dlc"), weights.resolve("vgg8.dlc"));
        SmallTierPlan both = new SmallTierPlan(List.of("vgg8", "nmt"), settings, 8, weights, catalogs);
        assertEquals(List.of("vgg8", "nmt"), both.measured());
        assertEquals(List.of(new CellKey("nmt", "fp32", "small")), both.cells(new Shard(2, 4)).stream()
                .filter(k -> k.network().equals("nmt")).toList());
    }

    @Test
    void planRejectsBadArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SmallTierPlan(List.of("vgg8"), List.of(Setting.FP32), -3, null));
        assertTrue(e.getMessage().contains("-3"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new SmallTierPlan(List.of("vgg8", "vgg8"), List.of(Setting.FP32), 0, null));
        e = assertThrows(IllegalArgumentException.class,
                () -> new SmallTierPlan(List.of("resnet50"), List.of(Setting.FP32), 0, null));
        assertTrue(e.getMessage().contains("'resnet50'"), e.getMessage());
    }

    @Test
    void undecodableWeightsFailEveryCellWithTheReasonAndTheRunGoesOn() throws Exception {
        Files.write(dir.resolve("vgg8.dlc"), new byte[] {1, 2, 3, 4});
        Path file = dir.resolve("r.jsonl");
        Path work = Files.createDirectories(dir.resolve("work"));
        try (ResultStore store = ResultStore.open(file)) {
            new SmallTierMeasurer(500, dir, work, Ticker.systemTicker(), Map.of(), false, FineTuningInputs.DEFAULT_BUDGET)
                    .measure(SmallNetwork.VGG8, List.of(Setting.FP32, Setting.FP16), store);
        }
        List<CellRecord> recs = ResultStore.read(file);
        assertEquals(2, recs.size());
        for (CellRecord r : recs) {
            assertFalse(r.ok());
            assertEquals("small", r.key().tier());
            assertTrue(r.error().contains("loading the trained network"), r.error());
        }
    }
}
