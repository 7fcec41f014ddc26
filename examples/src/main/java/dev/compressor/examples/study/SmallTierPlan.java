package dev.compressor.examples.study;

import dev.compressor.examples.smalltier.image.SmallNetwork;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The small-tier cells of a run: trained small networks times study settings, each cell evaluated
 * on the first {@code testExamples} Fashion-MNIST test images. Networks without trained weights are
 * {@link #skipped() skipped} (they have no cells). Cells are numbered network-major, like
 * {@link SweepPlan}'s, so a {@link Shard} selects them deterministically. Immutable.
 *
 * @param networks the small networks asked for, without duplicates
 * @param settings the settings, without duplicates
 * @param testExamples test images per cell, 0 for the whole test split (10,000)
 * @param weightsDir directory of trained weights, or null for the weights committed on the classpath
 */
public record SmallTierPlan(List<SmallNetwork> networks, List<Setting> settings, int testExamples, Path weightsDir) {

    /**
     * Copies and checks.
     *
     * @throws IllegalArgumentException if a list is empty or has duplicates, or testExamples is negative
     */
    public SmallTierPlan {
        networks = List.copyOf(networks);
        settings = List.copyOf(settings);
        if (networks.isEmpty() || settings.isEmpty()) {
            throw new IllegalArgumentException("a small-tier plan needs a network and a setting, got "
                    + networks + " x " + settings);
        }
        if (new LinkedHashSet<>(networks).size() != networks.size()
                || new LinkedHashSet<>(settings).size() != settings.size()) {
            throw new IllegalArgumentException("duplicate network or setting in " + networks + " x " + settings);
        }
        if (testExamples < 0) {
            throw new IllegalArgumentException("testExamples must be >= 0 (0 = all), got " + testExamples);
        }
    }

    /**
     * Every small network times the given settings, on the committed weights.
     *
     * @param settings the settings
     * @param testExamples test images per cell, 0 for all
     * @return the plan
     */
    public static SmallTierPlan all(List<Setting> settings, int testExamples) {
        return new SmallTierPlan(List.of(SmallNetwork.values()), settings, testExamples, null);
    }

    /** Returns the networks that have trained weights, in plan order. */
    public List<SmallNetwork> measured() {
        return networks.stream().filter(n -> WeightsProvenance.available(n, weightsDir)).toList();
    }

    /** Returns the networks without trained weights (not measured), in plan order. */
    public List<SmallNetwork> skipped() {
        return networks.stream().filter(n -> !WeightsProvenance.available(n, weightsDir)).toList();
    }

    /**
     * Returns the keys of the cells a shard selects, network-major over {@link #measured()}.
     *
     * @param shard the shard
     * @return cell keys in plan order
     */
    public List<CellKey> cells(Shard shard) {
        List<CellKey> l = new ArrayList<>();
        int i = 0;
        for (SmallNetwork n : measured()) {
            for (Setting s : settings) {
                if (shard.selects(i++)) {
                    l.add(SmallTierMeasurer.key(n, s));
                }
            }
        }
        return l;
    }

    /**
     * Returns a shard's settings grouped by network id (one child JVM per network).
     *
     * @param shard the shard
     * @return network id to settings; networks with no selected cell are absent
     */
    public Map<String, List<Setting>> byNetwork(Shard shard) {
        Map<String, List<Setting>> m = new LinkedHashMap<>();
        for (CellKey k : cells(shard)) {
            m.computeIfAbsent(k.network(), x -> new ArrayList<>()).add(Setting.byId(k.setting()));
        }
        return m;
    }
}
