package dev.compressor.jetson.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs {@code nvpmodel -q} and parses its output. */
final class NvpmodelQuery {

    private static final Logger LOG = LoggerFactory.getLogger(NvpmodelQuery.class);
    private static final String PREFIX = "NV Power Mode:";

    private NvpmodelQuery() {
    }

    /**
     * Runs {@code executable -q}; any failure (missing, not executable, non-zero exit, timeout,
     * unparseable output) gives an empty result and a debug log line.
     */
    static Optional<PowerMode> query(Path executable, Duration timeout) {
        Process p = null;
        try {
            p = new ProcessBuilder(executable.toString(), "-q").redirectErrorStream(true).start();
            p.getOutputStream().close();
            CompletableFuture<byte[]> out = drain(p.getInputStream());
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.debug("{} -q did not finish within {}", executable, timeout);
                return Optional.empty();
            }
            if (p.exitValue() != 0) {
                LOG.debug("{} -q exited with {}", executable, p.exitValue());
                return Optional.empty();
            }
            return parse(new String(out.get(timeout.toMillis(), TimeUnit.MILLISECONDS), StandardCharsets.UTF_8));
        } catch (IOException | ExecutionException | TimeoutException e) {
            LOG.debug("cannot run {} -q: {}", executable, e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            if (p != null && p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }

    /**
     * Parses {@code nvpmodel -q} output: optional {@code NVPM WARN} lines, then
     * {@code NV Power Mode: NAME}, then the numeric id on the next non-blank line.
     */
    static Optional<PowerMode> parse(String output) {
        String[] lines = output.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (!line.startsWith(PREFIX)) {
                continue;
            }
            String name = line.substring(PREFIX.length()).trim();
            if (name.isEmpty()) {
                return Optional.empty();
            }
            OptionalInt id = OptionalInt.empty();
            for (int j = i + 1; j < lines.length; j++) {
                String next = lines[j].trim();
                if (next.isEmpty()) {
                    continue;
                }
                if (next.matches("\\d+")) {
                    id = OptionalInt.of(Integer.parseInt(next));
                }
                break;
            }
            return Optional.of(new PowerMode(name, id));
        }
        return Optional.empty();
    }

    /** Reads the child's output on a daemon thread, so a child that hangs cannot block the caller. */
    private static CompletableFuture<byte[]> drain(InputStream in) {
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (in) {
                byte[] head = in.readNBytes(64 * 1024);
                in.transferTo(OutputStream.nullOutputStream());
                result.complete(head);
            } catch (IOException e) {
                result.completeExceptionally(e);
            }
        }, "nvpmodel-output");
        t.setDaemon(true);
        t.start();
        return result;
    }
}
