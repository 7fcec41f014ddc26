package dev.compressor.examples.study;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which images an output folder's fidelity was measured on, kept in {@value #FILE} next to the
 * results, so that a run with other images ({@code study run --data}) never resumes into a result
 * file measured on the committed ones, or the other way round: the cells already there would be
 * skipped and the report would mix the two. A result file without the mark was measured on the
 * committed images; small-tier cells (no fidelity) do not count. Stateless.
 */
final class FidelityDataMark {

    /** The mark's file name inside the output folder. */
    static final String FILE = "fidelity-data.txt";

    /** What the mark says for the committed images. */
    static final String COMMITTED = "committed Fashion-MNIST test images";

    private FidelityDataMark() {
    }

    /**
     * Checks the mark against this run's images and writes it.
     *
     * @param out the output folder (exists)
     * @param resultFile the run's result file
     * @param images {@link #COMMITTED} or the absolute path of the user's folder
     * @throws IllegalArgumentException if the result file holds full-size cells measured on other images
     * @throws IOException if the mark cannot be read or written
     */
    static void check(Path out, Path resultFile, String images) throws IOException {
        Path mark = out.resolve(FILE);
        String before = Files.isRegularFile(mark) ? Files.readString(mark, StandardCharsets.UTF_8).strip() : COMMITTED;
        boolean hasCells = Files.isRegularFile(resultFile) && ResultStore.read(resultFile).stream()
                .anyMatch(r -> !r.key().tier().equals(CellRecord.SMALL_TIER));
        if (hasCells && !before.equals(images)) {
            throw new IllegalArgumentException(resultFile + " holds cells whose fidelity was measured on " + before
                    + "; this run measures it on " + images + ": give another --out");
        }
        Files.writeString(mark, images + "\n", StandardCharsets.UTF_8);
    }
}
