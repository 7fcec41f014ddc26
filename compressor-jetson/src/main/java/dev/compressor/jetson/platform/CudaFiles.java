package dev.compressor.jetson.platform;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds CUDA device nodes, libraries and the toolkit version under a root. */
final class CudaFiles {

    /** Jetson (nvgpu, JetPack 4 to 6), newer Jetson nvgpu layout, and discrete/OpenRM GPUs (JetPack 7). */
    private static final List<String> DEVICE_NODES = List.of(
            "dev/nvhost-ctrl-gpu", "dev/nvgpu/igpu0/ctrl", "dev/nvidia0", "dev/nvidiactl");

    private static final List<String> LIBRARY_DIRS = List.of(
            "usr/lib/aarch64-linux-gnu/tegra", "usr/lib/aarch64-linux-gnu/nvidia", "usr/lib/aarch64-linux-gnu",
            "usr/lib/x86_64-linux-gnu", "usr/lib64", "usr/local/cuda/lib64", "usr/local/cuda/targets/aarch64-linux/lib",
            "usr/local/cuda/targets/sbsa-linux/lib", "usr/local/cuda/targets/x86_64-linux/lib");

    private static final Pattern VERSION_JSON = Pattern.compile("\"cuda\"\\s*:\\s*\\{[^}]*?\"version\"\\s*:\\s*\"([\\d.]+)\"");
    private static final Pattern VERSION_TXT = Pattern.compile("CUDA Version\\s+([\\d.]+)");

    private CudaFiles() {
    }

    static List<Path> deviceNodes(Path root) {
        List<Path> found = new ArrayList<>();
        for (String rel : DEVICE_NODES) {
            Path p = root.resolve(rel);
            if (Files.exists(p)) {
                found.add(p);
            }
        }
        return found;
    }

    /** Libraries found, each once even when reachable through symbolic links (cuda -> cuda-X.Y, lib64 -> targets). */
    static List<Path> libraries(Path root) {
        Map<Path, Path> found = new LinkedHashMap<>();
        for (String rel : LIBRARY_DIRS) {
            Path dir = root.resolve(rel);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "{libcuda.so,libcudart.so}*")) {
                for (Path f : files) {
                    found.putIfAbsent(real(f), f);
                }
            } catch (IOException e) {
                // an unreadable directory holds nothing we can use
            }
        }
        return found.values().stream().sorted().toList();
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    static Optional<String> version(Path root) {
        Optional<String> json = BoardFiles.read(root.resolve("usr/local/cuda/version.json"));
        if (json.isPresent()) {
            Matcher m = VERSION_JSON.matcher(json.get());
            if (m.find()) {
                return Optional.of(m.group(1));
            }
        }
        return BoardFiles.read(root.resolve("usr/local/cuda/version.txt")).flatMap(t -> {
            Matcher m = VERSION_TXT.matcher(t);
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        });
    }
}
