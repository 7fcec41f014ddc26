package dev.compressor.quant;

import dev.compressor.api.CompressionState;
import dev.compressor.api.TensorSelector;
import dev.compressor.api.TensorState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which tensors a quantizer touches and at how many bits: a selector (weights by default), layers
 * skipped by name or position, and per-layer bit widths. Immutable.
 */
record Targets(TensorSelector selector, String selectorName, boolean skipFirst, boolean skipLast, Set<String> skipped,
        Map<String, Integer> layerBits) {

    Targets {
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(selectorName, "selectorName");
        skipped = Set.copyOf(skipped);
        layerBits = Map.copyOf(layerBits);
    }

    static Targets weights() {
        return new Targets(TensorSelector.weights(), "weights", false, false, Set.of(), Map.of());
    }

    /**
     * The tensors to quantize with their bit widths, in flat order.
     *
     * @throws IllegalArgumentException if a named layer does not exist
     */
    Map<String, Integer> resolve(CompressionState state, int defaultBits) {
        Set<String> named = new HashSet<>(skipped);
        named.addAll(layerBits.keySet());
        state.requireLayers(new TreeSet<>(named));
        List<TensorState> chosen = new ArrayList<>();
        for (TensorState t : state.tensors()) {
            if (selector.test(t.info())) {
                chosen.add(t);
            }
        }
        String first = chosen.isEmpty() ? null : chosen.get(0).info().layerName();
        String last = chosen.isEmpty() ? null : chosen.get(chosen.size() - 1).info().layerName();
        Map<String, Integer> out = new LinkedHashMap<>();
        for (TensorState t : chosen) {
            String layer = t.info().layerName();
            if (skipped.contains(layer) || skipFirst && layer.equals(first) || skipLast && layer.equals(last)) {
                continue;
            }
            out.put(t.name(), layerBits.getOrDefault(layer, defaultBits));
        }
        return out;
    }

    String describe() {
        StringBuilder sb = new StringBuilder(" (").append(selectorName).append(')');
        if (skipFirst) {
            sb.append("; skip first layer");
        }
        if (skipLast) {
            sb.append("; skip last layer");
        }
        if (!skipped.isEmpty()) {
            sb.append("; skip ").append(new TreeSet<>(skipped));
        }
        if (!layerBits.isEmpty()) {
            sb.append("; bits ").append(new TreeMap<>(layerBits));
        }
        return sb.toString();
    }

    Targets withSelector(TensorSelector s, String name) {
        return new Targets(s, name, skipFirst, skipLast, skipped, layerBits);
    }

    Targets withSkipFirst(boolean v) {
        return new Targets(selector, selectorName, v, skipLast, skipped, layerBits);
    }

    Targets withSkipLast(boolean v) {
        return new Targets(selector, selectorName, skipFirst, v, skipped, layerBits);
    }

    Targets withSkipped(String layer) {
        Objects.requireNonNull(layer, "layer");
        Set<String> s = new HashSet<>(skipped);
        s.add(layer);
        return new Targets(selector, selectorName, skipFirst, skipLast, s, layerBits);
    }

    Targets withLayerBits(String layer, int bits) {
        Objects.requireNonNull(layer, "layer");
        Map<String, Integer> m = new LinkedHashMap<>(layerBits);
        m.put(layer, bits);
        return new Targets(selector, selectorName, skipFirst, skipLast, skipped, m);
    }
}
