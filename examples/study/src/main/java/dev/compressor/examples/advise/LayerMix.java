package dev.compressor.examples.advise;

import dev.compressor.api.advisor.Candidate;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * A per-layer mix proposed by {@link LayerMixes}: the advisor candidate and the setting each layer
 * gets, for the report. Immutable.
 *
 * @param candidate the candidate to measure
 * @param perLayer layer name to its setting, e.g. {@code "4 bits"} or {@code "50 %"}, in network order
 * @param basis why this mix, e.g. {@code "summed per-layer loss <= 0.50 pts"}
 */
public record LayerMix(Candidate candidate, Map<String, String> perLayer, String basis) {

    /**
     * Checks and copies (keeping the order).
     *
     * @param candidate the candidate to measure
     * @param perLayer layer name to its setting
     * @param basis why this mix
     */
    public LayerMix {
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(basis, "basis");
        perLayer = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(perLayer));
    }

    /**
     * One line: the name, the basis and the per-layer settings.
     *
     * @return the description
     */
    public String describe() {
        StringJoiner j = new StringJoiner(", ");
        perLayer.forEach((l, s) -> j.add(l + "=" + s));
        return candidate.name() + " (" + basis + "): " + j;
    }
}
