package dev.compressor.examples.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.base.Ticker;
import dev.compressor.api.profile.PairedComparison.Verdict;
import dev.compressor.api.profile.PairedComparison;
import dev.compressor.examples.settings.Setting;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The study's report tells the truth: negative controls are printed and a run whose control is not
 * "same" is marked noisy, settings that do not apply are neither measured nor failed, percentiles
 * need their samples, estimated energy draws no finding, and the paper's findings stand beside the
 * cells that test them.
 */
class StudyTruthTest {

    @TempDir
    Path dir;

    private static CellRecord cell(String net, String setting, double latency, Verdict v, boolean control) {
        return Records.ok(net, setting, 2_500, 16_000_000, 10_000_000, 0.2, true, 0.001)
                .withPaired(Records.paired(latency, v, control, latency, true));
    }

    @Test
    void everyControlSameIsSaidAndAControlThatIsNotMarksTheRunNoisyNamingIt() {
        List<CellRecord> quiet = List.of(cell("m", "fp32", 1.0, Verdict.SAME, true),
                cell("m", "fp16", 1.01, Verdict.SAME, true), cell("m", "int8_channel_resident", 1.2, Verdict.HIGHER, false));
        String md = StudyReport.markdown(quiet);
        assertTrue(md.contains("## Negative controls"), md);
        assertTrue(md.contains("Every control came out \"same\""), md);
        assertFalse(md.contains("NOISY RUN"), md);

        List<CellRecord> noisy = List.of(cell("m", "fp32", 1.0, Verdict.SAME, true),
                cell("m", "prune50", 0.8, Verdict.LOWER, true), cell("m", "int8_channel_resident", 1.2, Verdict.HIGHER, false));
        md = StudyReport.markdown(noisy);
        assertTrue(md.contains("NOISY RUN: 1 of 2 controls did not come out \"same\""), md);
        assertTrue(md.contains("m/prune50 0.80x"), md);
        assertEquals(List.of(noisy.get(1)), ControlsSection.failing(noisy));
    }

    @Test
    void aSettingThatDoesNotApplyIsNeitherMeasuredNorFailedAndSurvivesTheStore() {
        CellRecord na = CellRecord.notApplicable(new CellKey("resnet50", "deep_compression_han", CellKey.FULL),
                "deep_compression_han holds Han et al.'s per-layer densities for VGG-16");
        assertFalse(na.ok());
        assertFalse(na.failed());
        assertFalse(na.applicable());
        CellRecord back = CellRecord.fromJson(na.toJson());
        assertEquals(na, back);
        assertTrue(na.toJson().contains("\"status\":\"not_applicable\""), na.toJson());
        String md = StudyReport.markdown(List.of(cell("resnet50", "fp32", 1, Verdict.SAME, true), na));
        assertTrue(md.contains("## Settings that do not apply"), md);
        assertFalse(md.contains("## Failed cells"), md);
        assertTrue(md.contains("1 not applicable, 0 failed"), md);
        assertTrue(StudyReport.csv(List.of(na)).contains(",not_applicable,"));
    }

    @Test
    void pairedBlocksSurviveTheJsonLine() {
        CellRecord r = cell("m", "int8_channel_resident", 1.2, Verdict.HIGHER, false);
        assertEquals(r, CellRecord.fromJson(r.toJson()));
        assertNotNull(CellRecord.fromJson(r.toJson()).paired().latencyVsFp32());
        // a record written before the paired protocol reads without one
        String old = Records.ok("m", "fp16").toJson();
        assertNull(CellRecord.fromJson(old).paired());
    }

    @Test
    void percentilesArePrintedOnlyFromEnoughSamples() {
        CellRecord.Latency few = new CellRecord.Latency(1, 20, 10_000_000, 11_000_000, 19_000_000, 90);
        CellRecord.Latency many = new CellRecord.Latency(1, 150, 10_000_000, 11_000_000, 19_000_000, 90);
        assertEquals("10.00", LatencyText.percentile(few, 50));
        assertEquals("11.00", LatencyText.percentile(few, 90));
        assertEquals("", LatencyText.percentile(few, 99));
        assertEquals("19.00", LatencyText.percentile(many, 99));
        assertEquals("", LatencyText.percentile(new CellRecord.Latency(1, 5, 1, 2, 3, 1), 90));
    }

    @Test
    void guidelinesRestOnVerdictsAndDrawNothingFromEstimatedEnergy() {
        List<CellRecord> r = List.of(cell("a", "fp32", 1, Verdict.SAME, true),
                cell("a", "int8_channel_resident", 1.2, Verdict.HIGHER, false),
                cell("a", "prune50", 0.97, Verdict.SAME, true), cell("b", "fp32", 1, Verdict.SAME, true),
                cell("b", "int8_channel_resident", 1.15, Verdict.HIGHER, false),
                cell("b", "prune50", 1.0, Verdict.UNDECIDED, true));
        List<String> g = StudyGuidelines.derive(r);
        String all = String.join("\n", g);
        assertTrue(all.contains("**int8_channel_resident** latency at batch 1: slower than fp32 on 2 of 2 networks"), all);
        assertFalse(all.contains("faster"), all);
        assertTrue(all.contains("ESTIMATING meter"), all);
        assertFalse(all.toLowerCase().contains("lower energy"), all);
        // prune50 is same on one network, undecided on the other: no line claims a latency change of it
        assertFalse(all.contains("**prune50** latency"), all);
        assertFalse(all.contains("a/prune50 0.97x") || all.contains("b/prune50 1.00x"), all);
    }

    @Test
    void thePaperSectionSaysWhatTheCellsSayOfEachFinding() {
        List<CellRecord> r = List.of(cell("a", "fp32", 1, Verdict.SAME, true),
                cell("a", "int8_channel", 1.0, Verdict.SAME, true),
                cell("a", "int8_channel_resident", 1.2, Verdict.HIGHER, false),
                cell("a", "prune50", 1.0, Verdict.SAME, true));
        String md = StudyReport.markdown(r);
        assertTrue(md.contains("## The paper side by side"), md);
        assertTrue(md.contains("**Here:** reproduced: `int8_channel_resident` (weights kept int8 in memory, expanded "
                + "per inference) is slower than fp32 beyond the margin on 1 of 1 networks"), md);
        assertTrue(md.contains("**Here:** reproduced: of 1 unstructured pruning cells"), md);
        assertTrue(md.contains("**Here:** not measurable here: the only meter on this machine is `cpu-time-estimate`"), md);
        assertTrue(md.contains("| a | 4.00x |"), md);
        // slower by less than the margin: the direction is reproduced, the verdict is not "slower"
        String within = StudyReport.markdown(List.of(cell("a", "fp32", 1, Verdict.SAME, true),
                Records.ok("a", "int8_channel_resident", 2_500, 5_000_000, 10_300_000, 0.2, true, 0.001).withPaired(
                        new CellRecord.Paired(30, 3, true, false, 10_000_000, new PairedComparison(30, 1.03, 1.02,
                                1.04, 0.05, Verdict.SAME), null, null, true, Double.NaN, Double.NaN))));
        assertTrue(within.contains("**Here:** reproduced in direction only (slower, but by less than the 5 % margin)"),
                within);
        assertTrue(md.contains("Energy per inference against fp32 (ESTIMATE"), md);
    }

    @Test
    void sensorEnergyIsJudgedWithItsIdleBaselineAndSampleRate() {
        CellRecord.Paired sensed = new CellRecord.Paired(20, 3, true, false, 10_000_000,
                Records.comparison(1.2, Verdict.HIGHER), null, Records.comparison(1.3, Verdict.HIGHER), false, 4.25, 100);
        CellRecord fp32 = Records.ok("a", "fp32", 10_000, 16_000_000, 10_000_000, 0.2, false, 0)
                .withPaired(Records.paired(1.0, Verdict.SAME, true, null, false));
        CellRecord resident = Records.ok("a", "int8_channel_resident", 2_500, 5_000_000, 12_000_000, 0.26, false, 0)
                .withPaired(sensed);
        List<CellRecord> r = List.of(fp32, resident);
        String md = StudyReport.markdown(r);
        assertTrue(md.contains("idle power 4.25 W subtracted; meter sample rate 100.0 samples/s"), md);
        assertFalse(md.contains("ESTIMATE"), md);
        String g = String.join("\n", StudyGuidelines.derive(r));
        assertTrue(g.contains("**int8_channel_resident** energy per inference: higher than fp32 on 1 of 1 networks"), g);
        assertEquals(r.get(1), CellRecord.fromJson(r.get(1).toJson()));
    }

    @Test
    void hansDensitiesOnAnotherNetworkAreNotApplicableNotAFailure() throws Exception {
        SweepOptions options = new SweepOptions(5, 0, 8, null, 0, false, false, List.of());
        try (ResultStore store = ResultStore.open(dir.resolve("r.jsonl"))) {
            new NetworkMeasurer(options, null, dir, Ticker.systemTicker(), HostInfo.provenance())
                    .measure(SweepNetwork.byId("tiny_cnn"), List.of(Setting.FP32, Setting.DEEP_COMPRESSION_HAN),
                            CellKey.FULL, store);
            List<CellRecord> r = store.records();
            assertTrue(r.get(0).ok(), String.valueOf(r.get(0).error()));
            assertEquals(8, r.get(0).paired().rounds());
            assertTrue(r.get(0).paired().control());
            assertFalse(r.get(1).failed(), String.valueOf(r.get(1).error()));
            assertFalse(r.get(1).applicable());
            assertTrue(r.get(1).notApplicable().contains("VGG-16"), r.get(1).notApplicable());
            assertTrue(store.succeeded(r.get(1).key()), "a not-applicable cell is not measured again");
        }
    }
}
