package dev.compressor.examples.advise;

import dev.compressor.api.CompressionState;
import dev.compressor.api.Compressor;
import dev.compressor.api.advisor.Candidate;
import java.util.List;
import java.util.function.Consumer;

/**
 * Candidates that say when they start: each compressor calls back with the candidate's name before
 * it compresses, so a quality metric can file what it measures next under that name
 * ({@link FidelityToFp32#startCandidate}). The compression itself and its description are the
 * wrapped compressor's. Stateless.
 */
final class NotifyingCandidates {

    private NotifyingCandidates() {
    }

    /**
     * Wraps candidates.
     *
     * @param candidates the candidates
     * @param onStart called with a candidate's name when its compression starts
     * @return the wrapped candidates, same names, modes and costs
     */
    static List<Candidate> of(List<Candidate> candidates, Consumer<String> onStart) {
        return candidates.stream().map(c -> new Candidate(c.name(), notifying(c, onStart), c.mode(), c.cost()))
                .toList();
    }

    private static Compressor notifying(Candidate c, Consumer<String> onStart) {
        Compressor inner = c.compressor();
        return new Compressor() {
            @Override
            public String describe() {
                return inner.describe();
            }

            @Override
            public CompressionState apply(CompressionState state) {
                onStart.accept(c.name());
                return inner.apply(state);
            }
        };
    }
}
