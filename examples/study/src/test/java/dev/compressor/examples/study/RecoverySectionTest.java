package dev.compressor.examples.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The recovery table puts each setting's one-shot, recalibrated and fine-tuned top-1 side by side. */
class RecoverySectionTest {

    private static CellRecord fineTuned(String network, String setting, double top1, double fp32) {
        CellRecord r = SmallTierRecords.ok(network, setting, top1, fp32, 9_000);
        Map<String, String> p = new LinkedHashMap<>(r.provenance());
        p.put("fineTuning.wallSeconds", "131.4");
        p.put("fineTuning.epochs", "1");
        p.put("fineTuning.iterations", "400");
        p.put("fineTuning.budget", "3 epochs or 240.0 s");
        p.put("fineTuning.stoppedBy", "wall time");
        return new CellRecord(r.key(), null, r.settingDescription(), r.parameterCount(), r.referenceBytes(),
                r.artifactBytes(), r.compressionNanos(), r.loadNanos(), -1, -1, -1, null, null, null, null, p,
                r.accuracy());
    }

    @Test
    void oneRowPerNetworkAndOneShotSettingWithTheThreeColumnsAndWhatTheFineTuningSpent() {
        List<CellRecord> ok = List.of(SmallTierRecords.ok("vgg8", "fp32", 0.87, 0.87, 90_000),
                SmallTierRecords.ok("vgg8", "prune90", 0.125, 0.87, 12_000),
                SmallTierRecords.ok("vgg8", "prune90_recal", 0.40, 0.87, 12_000),
                fineTuned("vgg8", "prune90_ft", 0.862, 0.87),
                SmallTierRecords.ok("vgg8", "int4", 0.85, 0.87, 20_000));
        StringBuilder b = new StringBuilder();
        RecoverySection.append(b, ok);
        String s = b.toString();
        assertTrue(s.contains("| vgg8 | prune90 | 0.1250 (-74.50) | 0.4000 (-47.00) | 0.8620 (-0.80) | 131.4 s, 400 "
                + "minibatches (1 full epochs); budget 3 epochs or 240.0 s, ended by wall time |"), s);
        assertTrue(s.lines().noneMatch(l -> l.startsWith("| vgg8 | int4 ")), "no twin of int4 here: no row\n" + s);
        assertTrue(s.lines().noneMatch(l -> l.startsWith("| vgg8 | fp32 ")), s);
    }

    @Test
    void nothingWithoutRecoveredCells() {
        StringBuilder b = new StringBuilder();
        RecoverySection.append(b, List.of(SmallTierRecords.ok("vgg8", "int4", 0.85, 0.87, 20_000)));
        assertEquals("", b.toString());
    }
}
