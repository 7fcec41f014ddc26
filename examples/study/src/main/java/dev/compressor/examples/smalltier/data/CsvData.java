package dev.compressor.examples.smalltier.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Rows of a CSV file as examples: comma-separated numbers, one example per line, optionally one
 * column holding a whole-number class label (0-based column index, as DataVec's
 * {@code RecordReaderDataSetIterator} takes it); every other column is a feature, taken as written
 * (no scaling). The first line is a header when none of its cells is a number; blank lines are
 * skipped; a cell may be quoted. A row with another number of values than the first, a cell that is
 * not a finite number, or a label that is not a non-negative whole number is an error naming the file,
 * the line and the column. The whole file is checked; the first {@code limit} rows are kept.
 * Immutable and thread-safe.
 */
public final class CsvData implements EvaluationData {

    private final Path file;
    private final float[] values;
    private final int[] labels;
    private final int[] lines;
    private final int features;
    private final int count;
    private final int rows;
    private final boolean header;

    private CsvData(Path file, float[] values, int[] labels, int[] lines, int features, int count, int rows,
            boolean header) {
        this.file = file;
        this.values = values;
        this.labels = labels;
        this.lines = lines;
        this.features = features;
        this.count = count;
        this.rows = rows;
        this.header = header;
    }

    /**
     * Reads a CSV file.
     *
     * @param file the file (UTF-8)
     * @param labelColumn the label's column index (0-based), or -1 for unlabelled rows
     * @param limit keep at most this many rows (at least 1)
     * @return the data
     * @throws IllegalArgumentException if the file is missing or malformed, naming the file, line and column
     * @throws UncheckedIOException if the file cannot be read
     */
    public static CsvData read(Path file, int labelColumn, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("the row limit must be at least 1, got " + limit);
        }
        if (labelColumn < -1) {
            throw new IllegalArgumentException("--label-column must be a 0-based column index, got " + labelColumn);
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("CSV file " + file + (Files.exists(file) ? " is not a regular file"
                    : " does not exist"));
        }
        Parser p = new Parser(file, labelColumn, limit);
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                p.line(line);
            }
        } catch (java.nio.charset.MalformedInputException e) {
            throw new IllegalArgumentException(file + " line " + (p.lineNo + 1) + ": not UTF-8 text", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (p.rows == 0) {
            throw new IllegalArgumentException(file + " holds no data rows" + (p.header ? " (only a header)" : ""));
        }
        int kept = Math.min(limit, p.rows);
        return new CsvData(file, Arrays.copyOf(p.values, kept * p.features),
                labelColumn < 0 ? null : Arrays.copyOf(p.labels, kept), Arrays.copyOf(p.lines, kept), p.features,
                kept, p.rows, p.header);
    }

    /** The line-by-line parser's state. */
    private static final class Parser {
        final Path file;
        final int labelColumn;
        final int limit;
        int lineNo;
        int columns = -1;
        int firstLine;
        int features;
        int rows;
        boolean header;
        float[] values = new float[1024];
        int[] labels = new int[64];
        int[] lines = new int[64];

        Parser(Path file, int labelColumn, int limit) {
            this.file = file;
            this.labelColumn = labelColumn;
            this.limit = limit;
        }

        void line(String text) {
            lineNo++;
            if (text.isBlank()) {
                return;
            }
            String[] cells = text.split(",", -1);
            if (columns < 0) {
                columns = cells.length;
                firstLine = lineNo;
                if (labelColumn >= columns) {
                    throw new IllegalArgumentException(file + " line " + lineNo + ": --label-column " + labelColumn
                            + " is beyond its " + columns + " columns (indices 0 to " + (columns - 1) + ")");
                }
                features = labelColumn < 0 ? columns : columns - 1;
                if (features < 1) {
                    throw new IllegalArgumentException(file + " line " + lineNo + ": no feature columns besides "
                            + "the label");
                }
                if (Arrays.stream(cells).noneMatch(Parser::isNumber)) {
                    header = true;
                    return;
                }
            } else if (cells.length != columns) {
                throw new IllegalArgumentException(file + " line " + lineNo + ": " + cells.length + " values, expected "
                        + columns + " (as on line " + firstLine + ")");
            }
            boolean keep = rows < limit;
            if (keep) {
                grow();
            }
            int f = 0;
            for (int c = 0; c < cells.length; c++) {
                String cell = unquote(cells[c]);
                if (c == labelColumn) {
                    int label = label(cell, c);
                    if (keep) {
                        labels[rows] = label;
                    }
                    continue;
                }
                float v;
                try {
                    v = Float.parseFloat(cell);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(where(c) + ": '" + cell + "' is not a number");
                }
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException(where(c) + ": '" + cell + "' is not a finite number");
                }
                if (keep) {
                    values[rows * features + f] = v;
                }
                f++;
            }
            if (keep) {
                lines[rows] = lineNo;
            }
            rows++;
        }

        private int label(String cell, int c) {
            double d;
            try {
                d = Double.parseDouble(cell);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where(c) + ": label '" + cell + "' is not a number");
            }
            if (d != Math.rint(d) || d < 0 || d > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(where(c) + ": label '" + cell + "' is not a class index (a whole "
                        + "number from 0)");
            }
            return (int) d;
        }

        private String where(int c) {
            return file + " line " + lineNo + ", column " + (c + 1) + " (index " + c + ")";
        }

        private void grow() {
            if ((long) (rows + 1) * features > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(file + " line " + lineNo + ": too many values for one array; "
                        + "use fewer examples");
            }
            if ((rows + 1) * features > values.length) {
                values = Arrays.copyOf(values, (int) Math.min(Integer.MAX_VALUE - 8L,
                        Math.max((long) values.length * 2, (long) (rows + 1) * features)));
            }
            if (rows + 1 > labels.length) {
                labels = Arrays.copyOf(labels, labels.length * 2);
                lines = Arrays.copyOf(lines, lines.length * 2);
            }
        }

        private static String unquote(String cell) {
            String t = cell.trim();
            return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1).trim() : t;
        }

        private static boolean isNumber(String cell) {
            try {
                Double.parseDouble(unquote(cell));
                return true;
            } catch (NumberFormatException e) {
                return false;
            }
        }
    }

    @Override
    public String source() {
        return "CSV file " + file.toAbsolutePath() + " (" + count + " of " + rows + " rows" + (header ? " after a header"
                : "") + ", " + features + " features, " + (labels == null ? "unlabelled" : "labelled") + ")";
    }

    @Override
    public int size() {
        return count;
    }

    @Override
    public int[] exampleShape() {
        return new int[] {features};
    }

    @Override
    public boolean labelled() {
        return labels != null;
    }

    @Override
    public int label(int i) {
        if (labels == null) {
            throw new IllegalStateException("the rows of " + file + " are unlabelled");
        }
        Objects.checkIndex(i, count);
        return labels[i];
    }

    @Override
    public List<String> classNames() {
        return List.of();
    }

    @Override
    public String origin(int i) {
        Objects.checkIndex(i, count);
        return file + " line " + lines[i];
    }

    @Override
    public INDArray features(int from, int n) {
        EvaluationData.checkRange(from, n, count);
        return Nd4j.create(Arrays.copyOfRange(values, from * features, (from + n) * features), new long[] {n, features},
                DataType.FLOAT);
    }

    @Override
    public EvaluationData first(int n) {
        if (n < 1 || n > count) {
            throw new IllegalArgumentException("n must be in [1, " + count + "], got " + n);
        }
        return n == count ? this : new CsvData(file, Arrays.copyOf(values, n * features),
                labels == null ? null : Arrays.copyOf(labels, n), Arrays.copyOf(lines, n), features, n, rows, header);
    }
}
