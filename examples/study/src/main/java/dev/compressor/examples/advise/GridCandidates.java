package dev.compressor.examples.advise;

import dev.compressor.api.advisor.Candidate;
import dev.compressor.api.artifact.RuntimeMode;
import dev.compressor.examples.settings.Recovery;
import dev.compressor.examples.settings.Setting;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The study's grid settings ({@link Setting}) as advisor candidates, by id, with a relative cost
 * so that cheap ones (fp16, int8) are measured before expensive ones (k-means, channel pruning,
 * resident runtimes). Stateless.
 */
final class GridCandidates {

    /** The default set: cheap to try, covering storage formats, int8/6/4, k-means and pruning. */
    static final List<String> DEFAULT = List.of("fp16", "bf16", "int8_tensor", "int8_channel", "int6", "int4",
            "kmeans5", "prune50", "int8_channel_resident");

    /** The word that selects every grid setting. */
    static final String ALL = "all";

    private GridCandidates() {
    }

    /**
     * Candidates by setting id; {@code all} selects the whole grid but the simulated-activation
     * settings (accuracy studies, not deployable), {@code fp32} (the baseline, always measured) is
     * left out, duplicates are dropped.
     *
     * @param ids setting ids
     * @return the candidates in the given order
     * @throws IllegalArgumentException for an unknown id, naming it and listing the known ones, or a
     *     simulated-activation setting
     */
    static List<Candidate> parse(List<String> ids) {
        Set<Setting> chosen = new LinkedHashSet<>();
        for (String raw : ids) {
            String id = raw.trim().toLowerCase(Locale.ROOT);
            if (id.isEmpty()) {
                continue;
            }
            if (id.equals(ALL)) {
                for (Setting s : Setting.fullTier()) {
                    if (!s.needsCalibration()) {
                        chosen.add(s);
                    }
                }
                continue;
            }
            Setting s;
            try {
                s = Setting.byId(id);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown candidate '" + raw + "' in --candidates: "
                        + e.getMessage() + " (or 'all'; `study list` describes them)", e);
            }
            if (s.recovery() != Recovery.ONE_SHOT) {
                throw new IllegalArgumentException("candidate '" + raw + "' is the small tier's " + s.recovery().label()
                        + " twin of " + s.oneShot().id() + ": it needs training images the advisor does not have;"
                        + " offer " + s.oneShot().id() + ", or recover with BatchNormRecalibration, FineTunedPruning"
                        + " or QuantizationAwareTraining in your own code");
            }
            if (s.needsCalibration()) {
                throw new IllegalArgumentException("candidate '" + raw + "' simulates quantized activations to"
                        + " measure accuracy only (the network runs slower, not faster): it is not a deployable"
                        + " setting, so the advisor does not offer it");
            }
            chosen.add(s);
        }
        chosen.remove(Setting.FP32);
        List<Candidate> out = new ArrayList<>();
        chosen.forEach(s -> out.add(candidate(s)));
        return out;
    }

    /**
     * One setting as a candidate.
     *
     * @param s the setting
     * @return the candidate, named by the setting's id, restored in its runtime mode
     */
    static Candidate candidate(Setting s) {
        return new Candidate(s.id(), s.compressor(), s.runtimeMode(), cost(s));
    }

    /** Relative cost: storage formats 1, linear quantization and magnitude pruning 2-3, the rest more. */
    static double cost(Setting s) {
        double base = switch (s) {
            case FP32 -> 0;
            case FP16, BF16 -> 1;
            case INT8_TENSOR, INT8_CHANNEL, INT6, INT4, INT8_TENSOR_RESIDENT, INT8_CHANNEL_RESIDENT,
                    INT4_RESIDENT -> 2;
            case PRUNE25, PRUNE50, PRUNE75, PRUNE90, GPRUNE25, GPRUNE50, GPRUNE75, GPRUNE90, NM24 -> 3;
            case KMEANS5, KMEANS5_RESIDENT -> 5;
            default -> 6;
        };
        return s.runtimeMode() == RuntimeMode.RESIDENT_QUANTIZED ? base + 1 : base;
    }
}
