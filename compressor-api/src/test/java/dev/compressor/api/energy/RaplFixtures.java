package dev.compressor.api.energy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** Copies the sysfs trees of src/test/resources/energy/rapl into a temporary root. */
final class RaplFixtures {

    private RaplFixtures() {
    }

    static Path resource(String relative) {
        URL url = RaplFixtures.class.getResource("/energy/rapl/" + relative);
        if (url == null) {
            throw new IllegalArgumentException("no fixture energy/rapl/" + relative);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies fixture/phase over root, replacing files atomically (a background poller may be reading). */
    static void copy(String fixture, String phase, Path root) {
        Path from = resource(fixture + "/" + phase);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path to = root.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Path tmp = Files.createTempFile(to.getParent(), ".tmp", "");
                    Files.copy(p, tmp, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
