package dev.compressor.examples.study;

import dev.compressor.examples.smalltier.text.NmtWeights;
import dev.compressor.examples.smalltier.text.ParallelCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The small tier's translation subject: the trained English-German attention model
 * ({@link NmtWeights}) with id {@value #ID}, measured by corpus BLEU on German gettext catalogs. It
 * can be measured when its weights exist (on the classpath, or in a weights directory) and the
 * catalog directory holds at least one {@code .mo} file; otherwise {@link #skipReason} says why not.
 * Stateless.
 */
final class NmtSubject {

    /** The subject's id in cell keys, {@code nmt} (tier {@code small}). */
    static final String ID = "nmt";
    /** The full-size network it stands for. */
    static final String FAMILY = "nmt";
    /** Where Debian systems keep the German catalogs. */
    static final Path DEFAULT_CATALOGS = Path.of("/usr/share/locale/de/LC_MESSAGES");

    private NmtSubject() {
    }

    /**
     * Why the translation model cannot be measured, or empty when it can.
     *
     * @param weightsDir a weights directory, or null for the committed weights on the classpath
     * @param catalogDir the directory of German {@code .mo} catalogs
     * @return the reason, e.g. {@code no German catalogs (*.mo) in /x}
     */
    static Optional<String> skipReason(Path weightsDir, Path catalogDir) {
        if (!WeightsProvenance.available(ID, weightsDir)) {
            return Optional.of("no trained weights (" + NmtWeights.MODEL + ") "
                    + (weightsDir == null ? "on the classpath" : "in " + weightsDir));
        }
        if (catalogs(catalogDir).isEmpty()) {
            return Optional.of("no German catalogs (*.mo) in " + catalogDir);
        }
        return Optional.empty();
    }

    /**
     * The {@code .mo} files of a directory, sorted; empty when it is missing or unreadable.
     *
     * @param catalogDir the directory
     * @return the catalog files
     */
    static List<Path> catalogs(Path catalogDir) {
        if (catalogDir == null || !Files.isDirectory(catalogDir)) {
            return List.of();
        }
        try {
            return ParallelCorpus.catalogsIn(catalogDir);
        } catch (IOException e) {
            return List.of();
        }
    }
}
