package dev.compressor.prune.structured;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The channel dependency groups of a network and which of them can be pruned, with the reasons for
 * those that cannot. Obtain with {@link ChannelPruning#plan(org.deeplearning4j.nn.api.Model)}.
 * Immutable.
 */
public final class ChannelPlan {

    private final List<ChannelGroup> groups;
    private final Map<String, ChannelGroup> byProducer;
    private final Map<String, String> roles;

    private ChannelPlan(List<ChannelGroup> groups, Map<String, String> roles) {
        this.groups = List.copyOf(groups);
        this.roles = Map.copyOf(roles);
        Map<String, ChannelGroup> m = new LinkedHashMap<>();
        for (ChannelGroup g : groups) {
            g.producers().forEach(p -> m.put(p, g));
        }
        this.byProducer = m;
    }

    static ChannelPlan of(ChannelAnalysis a) {
        Map<Integer, List<String>> producers = new TreeMap<>();
        a.produced.forEach((name, g) -> producers.computeIfAbsent(a.find(g), k -> new ArrayList<>()).add(name));
        Map<Integer, List<String>> norms = new TreeMap<>();
        Map<Integer, List<String>> consumers = new TreeMap<>();
        a.inputs.forEach((name, map) -> {
            Map<Integer, List<String>> target = a.roles.get(name) == NodeRole.NORMALIZATION ? norms : consumers;
            map.space().stream().map(s -> a.find(s.group())).distinct()
                    .forEach(r -> target.computeIfAbsent(r, k -> new ArrayList<>()).add(name));
        });
        List<ChannelGroup> groups = new ArrayList<>();
        producers.forEach((root, names) -> groups.add(new ChannelGroup(root, names,
                norms.getOrDefault(root, List.of()), consumers.getOrDefault(root, List.of()), a.size(root),
                new ArrayList<>(a.reasons(root)))));
        Map<String, String> roles = new LinkedHashMap<>();
        a.roles.forEach((n, r) -> roles.put(n, r.name()));
        return new ChannelPlan(groups, roles);
    }

    /**
     * Every group that some layer produces, prunable or not.
     *
     * @return the groups
     */
    public List<ChannelGroup> groups() {
        return groups;
    }

    /**
     * The groups that can be pruned.
     *
     * @return the groups
     */
    public List<ChannelGroup> prunable() {
        return groups.stream().filter(ChannelGroup::prunable).toList();
    }

    /**
     * The group a layer produces.
     *
     * @param layer a convolution, dense or output layer's name
     * @return its group
     * @throws IllegalArgumentException if the network has no such layer, or the layer produces no
     *     channel group of its own (naming its kind)
     */
    public ChannelGroup groupOf(String layer) {
        ChannelGroup g = byProducer.get(layer);
        if (g != null) {
            return g;
        }
        String role = roles.get(layer);
        if (role == null) {
            throw new IllegalArgumentException("no layer named '" + layer + "'; layers: " + roles.keySet());
        }
        throw new IllegalArgumentException("layer '" + layer + "' cannot be structurally pruned: it is a "
                + role.toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                + " node, not a convolution or dense layer, so it has no channels of its own to remove");
    }

    /**
     * Whether every producer of a group is a convolution.
     *
     * @param group a group of this plan
     * @return true for filter groups
     */
    public boolean isConvolutional(ChannelGroup group) {
        return group.producers().stream().allMatch(p -> "CONVOLUTION".equals(roles.get(p)));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (ChannelGroup g : groups) {
            sb.append(String.format(java.util.Locale.ROOT, "%4d %-40s %6d  %s%n", g.id(), g.producers(), g.channels(),
                    g.prunable() ? "prunable" : "blocked: " + String.join("; ", g.blockedBecause())));
        }
        return sb.toString();
    }
}
