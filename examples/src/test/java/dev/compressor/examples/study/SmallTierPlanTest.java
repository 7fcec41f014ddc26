package dev.compressor.examples.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        SmallTierPlan plan = new SmallTierPlan(List.of(SmallNetwork.VGG8, SmallNetwork.RESNET11, SmallNetwork.MOBILENET),
                List.of(Setting.FP32, Setting.INT8_CHANNEL), 500, dir);
        assertEquals(List.of(SmallNetwork.VGG8), plan.measured());
        assertEquals(List.of(SmallNetwork.RESNET11, SmallNetwork.MOBILENET), plan.skipped());
        assertEquals(List.of(new CellKey("vgg8", "fp32", "small"), new CellKey("vgg8", "int8_channel", "small")),
                plan.cells(Shard.ALL));
        assertEquals(List.of(new CellKey("vgg8", "int8_channel", "small")), plan.cells(new Shard(1, 2)));
        assertEquals(Map.of("vgg8", List.of(Setting.FP32, Setting.INT8_CHANNEL)), plan.byNetwork(Shard.ALL));
    }

    @Test
    void committedWeightsOfVgg8AreFoundOnTheClasspath() {
        SmallTierPlan plan = SmallTierPlan.all(List.of(Setting.FP32), 0);
        assertTrue(plan.measured().contains(SmallNetwork.VGG8), plan.measured().toString());
        assertEquals(SmallNetwork.values().length, plan.measured().size() + plan.skipped().size());
    }

    @Test
    void weightsProvenanceReadsTheTrainingJson() throws Exception {
        // the training command's record, as SmallTierTrainCommand writes it
        java.nio.file.Files.writeString(dir.resolve("vgg8.json"), "{\"network\":\"vgg8\",\"parameters\":202078,"
                + "\"epochs\":4,\"batch\":64,\"seed\":42,\"learningRate\":0.002,\"trainExamples\":20000,"
                + "\"testExamples\":10000,\"top1\":0.8708,\"top5\":0.9975,\"trainSeconds\":1690.6,"
                + "\"trainCpuSeconds\":745.0,\"dataSource\":\"classpath subset /smalltier/fashion-mnist/\","
                + "\"date\":\"2026-11-29T05:21:06.050606831Z\",\"java\":\"17.0.15\",\"os\":\"Linux amd64\"}\n");
        Map<String, String> p = WeightsProvenance.of(SmallNetwork.VGG8, dir);
        assertEquals("2026-11-29T05:21:06.050606831Z", p.get("weights.date"));
        assertEquals("4", p.get("weights.epochs"));
        assertEquals("42", p.get("weights.seed"));
        assertEquals("20000", p.get("weights.trainExamples"));
        assertEquals("unknown", p.get("weights.commit"), "a temporary folder is no git repository");
        assertTrue(p.get("weights.file").endsWith("vgg8.dlc"), p.toString());
        assertFalse(p.containsKey("weights.jsonError"), p.toString());
    }

    @Test
    void planRejectsBadArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SmallTierPlan(List.of(SmallNetwork.VGG8), List.of(Setting.FP32), -3, null));
        assertTrue(e.getMessage().contains("-3"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new SmallTierPlan(List.of(SmallNetwork.VGG8, SmallNetwork.VGG8), List.of(Setting.FP32), 0, null));
    }

    @Test
    void undecodableWeightsFailEveryCellWithTheReasonAndTheRunGoesOn() throws Exception {
        Files.write(dir.resolve("vgg8.dlc"), new byte[] {1, 2, 3, 4});
        Path file = dir.resolve("r.jsonl");
        Path work = Files.createDirectories(dir.resolve("work"));
        try (ResultStore store = ResultStore.open(file)) {
            new SmallTierMeasurer(500, dir, work, System::nanoTime, Map.of(), false)
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
