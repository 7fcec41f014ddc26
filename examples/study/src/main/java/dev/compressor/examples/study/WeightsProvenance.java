package dev.compressor.examples.study;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.compressor.examples.smalltier.image.SmallTierWeights;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where a small-tier subject's trained weights come from (an image network or the translation model
 * {@code nmt}, by id), as {@code weights.*} provenance entries: the fields of the {@code <id>.json}
 * written next to {@code <id>.dlc} by the training command (date, epochs or iterations, seed, batch,
 * learning rate, training examples or pairs, test top-1 or BLEU at training time, data source) and
 * the commit that last changed the weights ({@code weights.commit}: the JSON's {@code commit}
 * field when present, else {@code git log} on the weights file, else {@code unknown}). Also says
 * whether a subject has weights at all. Stateless.
 */
final class WeightsProvenance {

    /** JSON fields copied as {@code weights.<field>}. */
    private static final String[] FIELDS = {"date", "epochs", "seed", "batch", "learningRate", "trainExamples",
        "testExamples", "top1", "top5", "dataSource", "commit", "iterations", "trainSeconds", "trainPairs",
        "testPairs", "bleu", "baselineBleu"};

    private WeightsProvenance() {
    }

    /**
     * Whether a subject has trained weights: {@code <id>.dlc} in the directory, or on the classpath
     * when {@code dir} is null.
     *
     * @param id the subject's id, e.g. {@code vgg8} or {@code nmt}
     * @param dir a weights directory, or null for the committed weights
     * @return true if the weights file exists
     */
    static boolean available(String id, Path dir) {
        return dir == null
                ? SmallTierWeights.class.getResource(SmallTierWeights.RESOURCES + id + ".dlc") != null
                : Files.isRegularFile(dir.resolve(id + ".dlc"));
    }

    /**
     * Reads the provenance entries of a subject's weights.
     *
     * @param id the subject's id
     * @param dir a weights directory, or null for the committed weights
     * @return {@code weights.*} entries; {@code weights.commit} is always present
     */
    static Map<String, String> of(String id, Path dir) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("weights.file", dir == null ? "classpath:" + SmallTierWeights.RESOURCES + id + ".dlc"
                : dir.resolve(id + ".dlc").toAbsolutePath().toString());
        String json = readJson(id, dir);
        if (json != null) {
            try {
                JsonObject m = GsonFields.parseObject(json, "a training record");
                for (String f : FIELDS) {
                    JsonElement v = m.get(f);
                    if (v != null && !v.isJsonNull()) {
                        p.put("weights." + f, GsonFields.text(v));
                    }
                }
            } catch (RuntimeException e) {
                p.put("weights.jsonError", e.getMessage());
            }
        } else {
            p.put("weights.json", "missing");
        }
        if (!p.containsKey("weights.commit")) {
            p.put("weights.commit", gitCommit(id, dir));
        }
        return p;
    }

    private static String readJson(String id, Path dir) {
        try {
            if (dir == null) {
                try (InputStream in = SmallTierWeights.class.getResourceAsStream(
                        SmallTierWeights.RESOURCES + id + ".json")) {
                    return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            Path f = dir.resolve(id + ".json");
            return Files.isRegularFile(f) ? Files.readString(f, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The short hash and date of the last commit that changed the weights file, from {@code git} run
     * in the working directory (committed weights) or the weights directory; {@code unknown} when git
     * is missing, the folder is not a repository or the file was never committed.
     */
    static String gitCommit(String id, Path dir) {
        String spec = dir == null ? ":(top,glob)**/smalltier/weights/" + id + ".dlc" : id + ".dlc";
        ProcessBuilder pb = new ProcessBuilder("git", "log", "-1", "--format=%h %cs", "--", spec)
                .redirectErrorStream(true);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        try {
            Process proc = pb.start();
            proc.getOutputStream().close();
            byte[] out = proc.getInputStream().readAllBytes();
            if (!proc.waitFor(20, TimeUnit.SECONDS)) {
                proc.destroyForcibly();
                return "unknown";
            }
            String s = new String(out, StandardCharsets.UTF_8).strip();
            return proc.exitValue() == 0 && s.matches("[0-9a-f]{4,40} \\S+") ? s : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
