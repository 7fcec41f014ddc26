package dev.compressor.examples.study;

import dev.compressor.examples.settings.Setting;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Networks times settings: the cells of a sweep, numbered network-major (all settings of the first
 * network, then the second, ...) so that a {@link Shard} selects cells by index deterministically.
 * Immutable.
 *
 * @param networks the networks, without duplicates
 * @param settings the settings, without duplicates
 * @param tier the tier recorded in every cell key, e.g. {@link CellKey#FULL}
 */
public record SweepPlan(List<SweepNetwork> networks, List<Setting> settings, String tier) {

    /**
     * One cell: a network under a setting, with its index in the plan.
     *
     * @param index zero-based position in {@link SweepPlan#cells()}
     * @param network the network
     * @param setting the setting
     * @param tier the tier
     */
    public record Cell(int index, SweepNetwork network, Setting setting, String tier) {

        /** Returns the cell's key. */
        public CellKey key() {
            return new CellKey(network.id(), setting.id(), tier);
        }
    }

    /**
     * Copies the lists and checks them.
     *
     * @throws IllegalArgumentException if a list is empty or holds duplicates
     */
    public SweepPlan {
        networks = List.copyOf(networks);
        settings = List.copyOf(settings);
        Objects.requireNonNull(tier, "tier");
        if (networks.isEmpty() || settings.isEmpty()) {
            throw new IllegalArgumentException("a plan needs at least one network and one setting, got "
                    + networks + " x " + settings);
        }
        if (new LinkedHashSet<>(networks).size() != networks.size()) {
            throw new IllegalArgumentException("duplicate network in " + networks);
        }
        if (new LinkedHashSet<>(settings).size() != settings.size()) {
            throw new IllegalArgumentException("duplicate setting in " + settings);
        }
        for (Setting s : settings) {
            if (s.smallTierOnly()) {
                throw new IllegalArgumentException("setting '" + s.id() + "' belongs to the small tier only (it "
                        + "recovers accuracy on training data, or only real data gives it meaning); run it with "
                        + "--tier small");
            }
        }
    }

    /** Returns the full plan: the eleven study networks times {@link Setting#fullTier()}, tier {@code full}. */
    public static SweepPlan full() {
        return new SweepPlan(SweepNetwork.study(), Setting.fullTier(), CellKey.FULL);
    }

    /** Returns the quick plan: MobileNet-v1 and Inception-v1 times {@link Setting#quick()}. */
    public static SweepPlan quick() {
        return new SweepPlan(List.of(SweepNetwork.byId("mobilenet_v1"), SweepNetwork.byId("inception_v1")),
                Setting.quick(), CellKey.FULL);
    }

    /** Returns every cell, network-major. */
    public List<Cell> cells() {
        List<Cell> cells = new ArrayList<>(networks.size() * settings.size());
        for (SweepNetwork n : networks) {
            for (Setting s : settings) {
                cells.add(new Cell(cells.size(), n, s, tier));
            }
        }
        return cells;
    }

    /**
     * Returns the cells a shard selects.
     *
     * @param shard the shard
     * @return the selected cells in plan order
     */
    public List<Cell> cells(Shard shard) {
        List<Cell> l = new ArrayList<>();
        for (Cell c : cells()) {
            if (shard.selects(c.index())) {
                l.add(c);
            }
        }
        return l;
    }

    /**
     * Returns a shard's cells grouped by network, in plan order (one child JVM per group).
     *
     * @param shard the shard
     * @return network to its selected settings; networks with no selected cell are absent
     */
    public Map<SweepNetwork, List<Setting>> byNetwork(Shard shard) {
        Map<SweepNetwork, List<Setting>> m = new LinkedHashMap<>();
        for (Cell c : cells(shard)) {
            m.computeIfAbsent(c.network(), k -> new ArrayList<>()).add(c.setting());
        }
        return m;
    }
}
