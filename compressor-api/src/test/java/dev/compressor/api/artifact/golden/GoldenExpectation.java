package dev.compressor.api.artifact.golden;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a golden artifact must give when read: the format version of its header, the encodings and
 * required modules its manifest names, its decoded parameter vector (exact), and the restored
 * network's output on a stored input (within {@link GoldenFiles#OUTPUT_TOLERANCE}). Stored as text
 * beside the artifact ({@code <name>.expected.txt}): {@code #} comment lines, then sections
 * {@code format N}, {@code encodings id...}, {@code requires module...}, {@code parameters N},
 * {@code input dims...}, {@code output dims...}, each followed by its values where it has any,
 * eight to a line, as {@link Float#toString(float)} writes them (which reads back exactly). The
 * first three sections are optional (absent: not checked).
 *
 * @param comment the comment lines, without their {@code #}
 * @param format the header's format version, or -1 if not stated
 * @param encodings the manifest's encoding ids, sorted, or null if not stated
 * @param requires the required modules, sorted, or null if not stated
 * @param parameters the decoded flat parameter vector
 * @param inputShape the input's shape
 * @param input the input, in C order
 * @param outputShape the output's shape
 * @param output the restored network's output, in C order
 */
public record GoldenExpectation(List<String> comment, int format, List<String> encodings, List<String> requires,
        float[] parameters, long[] inputShape, float[] input, long[] outputShape, float[] output) {

    /**
     * The text form.
     *
     * @return the file's content
     */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        comment.forEach(c -> sb.append("# ").append(c).append('\n'));
        if (format >= 0) {
            sb.append("format ").append(format).append('\n');
        }
        if (encodings != null) {
            sb.append(String.join(" ", prepend("encodings", encodings))).append('\n');
        }
        if (requires != null) {
            sb.append(String.join(" ", prepend("requires", requires))).append('\n');
        }
        values(sb, "parameters " + parameters.length, parameters);
        values(sb, "input " + dims(inputShape), input);
        values(sb, "output " + dims(outputShape), output);
        return sb.toString();
    }

    /**
     * Parses the text form.
     *
     * @param text the file's content
     * @return the expectation
     * @throws IllegalArgumentException if a section is missing or malformed
     */
    public static GoldenExpectation parse(String text) {
        List<String> comment = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("#")) {
                comment.add(line.substring(1).strip());
            } else {
                tokens.addAll(Arrays.asList(line.strip().split("\\s+")));
            }
        }
        tokens.removeIf(String::isEmpty);
        Cursor c = new Cursor(tokens);
        int format = c.peek("format") ? Integer.parseInt(c.after("format")) : -1;
        List<String> encodings = c.peek("encodings") ? c.words("encodings") : null;
        List<String> requires = c.peek("requires") ? c.words("requires") : null;
        float[] params = c.floats(Integer.parseInt(c.after("parameters")));
        long[] inShape = c.shape("input");
        float[] in = c.floats(length(inShape));
        long[] outShape = c.shape("output");
        float[] out = c.floats(length(outShape));
        return new GoldenExpectation(comment, format, encodings, requires, params, inShape, in, outShape, out);
    }

    private static List<String> prepend(String head, List<String> rest) {
        List<String> l = new ArrayList<>();
        l.add(head);
        l.addAll(rest);
        return l;
    }

    private static String dims(long[] shape) {
        StringBuilder sb = new StringBuilder();
        for (long d : shape) {
            sb.append(sb.length() == 0 ? "" : " ").append(d);
        }
        return sb.toString();
    }

    private static int length(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return Math.toIntExact(n);
    }

    private static void values(StringBuilder sb, String head, float[] v) {
        sb.append(head).append('\n');
        for (int i = 0; i < v.length; i++) {
            sb.append(Float.toString(v[i])).append(i % 8 == 7 || i == v.length - 1 ? '\n' : ' ');
        }
    }

    /** Reads the token stream section by section. */
    private static final class Cursor {
        private final List<String> tokens;
        private int pos;

        Cursor(List<String> tokens) {
            this.tokens = tokens;
        }

        boolean peek(String keyword) {
            return pos < tokens.size() && tokens.get(pos).equals(keyword);
        }

        String after(String keyword) {
            if (!peek(keyword)) {
                throw new IllegalArgumentException("expected '" + keyword + "' at token " + pos + ", found "
                        + (pos < tokens.size() ? "'" + tokens.get(pos) + "'" : "the end"));
            }
            pos += 2;
            return tokens.get(pos - 1);
        }

        List<String> words(String keyword) {
            after(keyword);
            pos--;
            List<String> out = new ArrayList<>();
            while (pos < tokens.size() && tokens.get(pos).matches("[a-z][a-z0-9.-]*")
                    && !List.of("format", "encodings", "requires", "parameters").contains(tokens.get(pos))) {
                out.add(tokens.get(pos++));
            }
            return out;
        }

        long[] shape(String keyword) {
            after(keyword);
            pos--;
            List<Long> dims = new ArrayList<>();
            // dims run up to the first value token, which always has a decimal point
            while (pos < tokens.size() && tokens.get(pos).matches("\\d+")) {
                dims.add(Long.parseLong(tokens.get(pos++)));
            }
            return dims.stream().mapToLong(Long::longValue).toArray();
        }

        float[] floats(int n) {
            if (pos + n > tokens.size()) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "expected %d values at token %d, "
                        + "%d left", n, pos, tokens.size() - pos));
            }
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = Float.parseFloat(tokens.get(pos++));
            }
            return v;
        }
    }
}
