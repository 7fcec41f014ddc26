package dev.compressor.jetson.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the files that describe a Jetson board under a root: device tree and L4T release. */
final class BoardFiles {

    /** SoC to the CUDA compute capability of its integrated GPU. */
    static final Map<String, String> COMPUTE_CAPABILITY = Map.of(
            "tegra210", "5.3", "tegra186", "6.2", "tegra194", "7.2", "tegra234", "8.7", "tegra264", "11.0");

    private static final Pattern SOC = Pattern.compile("nvidia,(tegra\\d+)");
    private static final Pattern L4T = Pattern.compile("#\\s*R(\\d+)\\s*\\(release\\),\\s*REVISION:\\s*(\\d+)(?:\\.(\\d+))?");

    private BoardFiles() {
    }

    /** The device-tree model, NUL and whitespace trimmed. */
    static Optional<String> model(Path root) {
        for (String rel : List.of("proc/device-tree/model", "sys/firmware/devicetree/base/model")) {
            Optional<String> text = read(root.resolve(rel)).map(s -> s.replace("\0", "").trim());
            if (text.isPresent() && !text.get().isEmpty()) {
                return text;
            }
        }
        return Optional.empty();
    }

    /** The NUL-separated entries of the device tree's compatible list. */
    static List<String> compatible(Path root) {
        List<String> out = new ArrayList<>();
        for (String rel : List.of("proc/device-tree/compatible", "sys/firmware/devicetree/base/compatible")) {
            Optional<String> text = read(root.resolve(rel));
            if (text.isPresent()) {
                for (String entry : text.get().split("\0")) {
                    if (!entry.isBlank()) {
                        out.add(entry.trim());
                    }
                }
                return out;
            }
        }
        return out;
    }

    /** The first {@code nvidia,tegraNNN} entry of a compatible list, as {@code tegraNNN}. */
    static Optional<String> soc(List<String> compatible) {
        for (String entry : compatible) {
            Matcher m = SOC.matcher(entry);
            if (m.matches()) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }

    /** The L4T release from {@code etc/nv_tegra_release}, e.g. {@code 35.4.1}. */
    static Optional<String> l4tRelease(Path root) {
        return read(root.resolve("etc/nv_tegra_release")).flatMap(BoardFiles::parseL4tRelease);
    }

    /**
     * Parses the first line of {@code /etc/nv_tegra_release}: {@code # R35 (release), REVISION: 4.1, ...}
     * is L4T 35.4.1. The BOARD field is ignored (it is unreliable).
     */
    static Optional<String> parseL4tRelease(String text) {
        Matcher m = L4T.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(m.group(1) + "." + m.group(2) + "." + (m.group(3) == null ? "0" : m.group(3)));
    }

    static Optional<String> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
