package dev.compressor.jetson.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Materialises a {@code trees/*.tree} test resource (see {@code trees/README.md}) into a directory,
 * and rewrites sysfs values the way the kernel does: atomically, as a reader sees them.
 */
public final class FixtureTree {

    private FixtureTree() {
    }

    /**
     * Writes the tree into {@code dir}.
     *
     * @param resource e.g. {@code "tx2-jp4.tree"}
     * @param dir an empty directory
     * @return {@code dir}
     */
    public static Path materialize(String resource, Path dir) {
        String text;
        try (InputStream in = FixtureTree.class.getResourceAsStream("/trees/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource trees/" + resource);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path cwd = dir;
        int lineNo = 0;
        try {
            for (String line : text.split("\n")) {
                lineNo++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String kw = line.substring(0, line.indexOf(' '));
                String rest = line.substring(kw.length() + 1);
                switch (kw) {
                    case "cd" -> cwd = rest.trim().equals("/") ? dir : dir.resolve(rest.trim());
                    case "dir" -> Files.createDirectories(cwd.resolve(rest.trim()));
                    case "link" -> {
                        String[] parts = rest.split(" -> ");
                        Path link = cwd.resolve(parts[0].trim());
                        Files.createDirectories(link.getParent());
                        Files.createSymbolicLink(link, Path.of(parts[1].trim()));
                    }
                    case "file", "raw", "exec" -> {
                        int eq = rest.indexOf(" =");
                        Path file = cwd.resolve(rest.substring(0, eq).trim());
                        String content = rest.substring(eq + 2);
                        content = unescape(content.startsWith(" ") ? content.substring(1) : content);
                        if (!kw.equals("raw")) {
                            content += "\n";
                        }
                        Files.createDirectories(file.getParent());
                        Files.writeString(file, content, StandardCharsets.UTF_8);
                        if (kw.equals("exec")) {
                            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown keyword '" + kw + "'");
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("trees/" + resource + " line " + lineNo + ": " + e, e);
        }
        return dir;
    }

    /**
     * Overwrites a value file in place, as sysfs values change under an open file: the same inode,
     * a fixed width (8 characters, blank-padded, then a newline) so that a concurrent reader never
     * sees a truncated file.
     *
     * @param file the file
     * @param value the new value
     */
    public static void overwrite(Path file, long value) {
        byte[] text = String.format("%8d\n", value).getBytes(StandardCharsets.US_ASCII);
        if (text.length != 9) {
            throw new IllegalArgumentException("value too wide for the fixed width: " + value);
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(text), 0);
            ch.truncate(text.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String unescape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                out.append(switch (n) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case '0' -> '\0';
                    case '\\' -> '\\';
                    default -> throw new IllegalArgumentException("unknown escape \\" + n);
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
