package dev.compressor.examples.study;

import dev.compressor.examples.settings.Setting;
import dev.compressor.examples.smalltier.image.SmallNetwork;
import dev.compressor.api.training.FineTuningBudget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The small-tier cells of a run: trained subjects times study settings. A subject is a small image
 * network ({@link SmallNetwork}, evaluated on the first {@code testExamples} Fashion-MNIST test
 * images) or the translation model {@value NmtSubject#ID} (evaluated by BLEU on the first
 * {@code testExamples} test pairs of the German catalogs in {@code catalogDir}). Subjects that cannot
 * be measured (no trained weights; for {@code nmt} also no catalogs) are {@link #skipped() skipped}
 * with the reason and have no cells. Cells are numbered subject-major, like {@link SweepPlan}'s, so a
 * {@link Shard} selects them deterministically. Immutable.
 *
 * @param subjects ids of the subjects asked for ({@link SmallNetwork#id()} or {@code nmt}), without duplicates
 * @param settings the settings, without duplicates
 * @param testExamples test images or test pairs per cell, 0 for the whole test split
 * @param weightsDir directory of trained weights, or null for the weights committed on the classpath
 * @param catalogDir directory of German gettext catalogs for the translation model
 * @param fineTuningBudget the most each fine-tuned ({@code _ft}) cell may train
 */
public record SmallTierPlan(List<String> subjects, List<Setting> settings, int testExamples, Path weightsDir,
                            Path catalogDir, FineTuningBudget fineTuningBudget) {

    /**
     * Copies and checks.
     *
     * @throws IllegalArgumentException if a list is empty or has duplicates, a subject is unknown, or
     *     testExamples is negative
     */
    public SmallTierPlan {
        subjects = List.copyOf(subjects);
        settings = List.copyOf(settings);
        Objects.requireNonNull(catalogDir, "catalogDir");
        Objects.requireNonNull(fineTuningBudget, "fineTuningBudget");
        if (subjects.isEmpty() || settings.isEmpty()) {
            throw new IllegalArgumentException("a small-tier plan needs a subject and a setting, got "
                    + subjects + " x " + settings);
        }
        if (new LinkedHashSet<>(subjects).size() != subjects.size()
                || new LinkedHashSet<>(settings).size() != settings.size()) {
            throw new IllegalArgumentException("duplicate subject or setting in " + subjects + " x " + settings);
        }
        for (String s : subjects) {
            if (!allSubjects().contains(s)) {
                throw new IllegalArgumentException("no small-tier subject '" + s + "'; known: " + allSubjects());
            }
        }
        if (testExamples < 0) {
            throw new IllegalArgumentException("testExamples must be >= 0 (0 = all), got " + testExamples);
        }
    }

    /**
     * A plan with the default fine-tuning budget ({@link FineTuningInputs#DEFAULT_BUDGET}).
     *
     * @param subjects subject ids
     * @param settings the settings
     * @param testExamples test images or pairs per cell, 0 for all
     * @param weightsDir weights directory, or null for the committed weights
     * @param catalogDir directory of German gettext catalogs
     */
    public SmallTierPlan(List<String> subjects, List<Setting> settings, int testExamples, Path weightsDir,
                         Path catalogDir) {
        this(subjects, settings, testExamples, weightsDir, catalogDir, FineTuningInputs.DEFAULT_BUDGET);
    }

    /**
     * A plan with the translation model's catalogs in their default place ({@code /usr/share/locale/de/LC_MESSAGES}).
     *
     * @param subjects subject ids
     * @param settings the settings
     * @param testExamples test images or pairs per cell, 0 for all
     * @param weightsDir weights directory, or null for the committed weights
     */
    public SmallTierPlan(List<String> subjects, List<Setting> settings, int testExamples, Path weightsDir) {
        this(subjects, settings, testExamples, weightsDir, NmtSubject.DEFAULT_CATALOGS);
    }

    /** Returns the ids of every small-tier subject: the image networks in declaration order, then {@code nmt}. */
    public static List<String> allSubjects() {
        List<String> l = new ArrayList<>(Arrays.stream(SmallNetwork.values()).map(SmallNetwork::id).toList());
        l.add(NmtSubject.ID);
        return List.copyOf(l);
    }

    /**
     * Every subject times the given settings, on the committed weights and the default catalogs.
     *
     * @param settings the settings
     * @param testExamples test images or pairs per cell, 0 for all
     * @return the plan
     */
    public static SmallTierPlan all(List<Setting> settings, int testExamples) {
        return new SmallTierPlan(allSubjects(), settings, testExamples, null);
    }

    /** Returns the subjects that can be measured, in plan order. */
    public List<String> measured() {
        return subjects.stream().filter(s -> skipReason(s).isEmpty()).toList();
    }

    /** Returns the subjects that cannot be measured, in plan order, each with the reason. */
    public Map<String, String> skipped() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String s : subjects) {
            skipReason(s).ifPresent(r -> m.put(s, r));
        }
        return m;
    }

    private Optional<String> skipReason(String subject) {
        if (subject.equals(NmtSubject.ID)) {
            return NmtSubject.skipReason(weightsDir, catalogDir);
        }
        return WeightsProvenance.available(subject, weightsDir) ? Optional.empty()
                : Optional.of("no trained weights " + (weightsDir == null ? "on the classpath" : "in " + weightsDir));
    }

    /**
     * Returns the keys of the cells a shard selects, subject-major over {@link #measured()}.
     *
     * @param shard the shard
     * @return cell keys in plan order
     */
    public List<CellKey> cells(Shard shard) {
        List<CellKey> l = new ArrayList<>();
        int i = 0;
        for (String n : measured()) {
            for (Setting s : settings) {
                if (shard.selects(i++)) {
                    l.add(new CellKey(n, s.id(), CellRecord.SMALL_TIER));
                }
            }
        }
        return l;
    }

    /**
     * Returns a shard's settings grouped by subject id (one child JVM per subject).
     *
     * @param shard the shard
     * @return subject id to settings; subjects with no selected cell are absent
     */
    public Map<String, List<Setting>> byNetwork(Shard shard) {
        Map<String, List<Setting>> m = new LinkedHashMap<>();
        for (CellKey k : cells(shard)) {
            m.computeIfAbsent(k.network(), x -> new ArrayList<>()).add(Setting.byId(k.setting()));
        }
        return m;
    }
}
