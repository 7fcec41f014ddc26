package dev.compressor.examples.advise;

import dev.compressor.examples.smalltier.data.CsvData;
import dev.compressor.examples.smalltier.data.EvaluationData;
import dev.compressor.examples.smalltier.data.FashionMnistData;
import dev.compressor.examples.smalltier.data.IdxData;
import dev.compressor.examples.smalltier.data.ImageFolderData;
import dev.compressor.examples.smalltier.data.ImageShape;
import dev.compressor.examples.smalltier.data.ImageSplit;
import dev.compressor.examples.smalltier.data.PixelScaling;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/**
 * The evaluation-data options of {@code advise} (a picocli mixin) and the data they name: the
 * committed Fashion-MNIST test split ({@code classpath}), a directory of Fashion-MNIST-format IDX
 * files, a folder of PNG/JPEG images (one folder per class, or unlabelled), or a CSV file. Reading
 * checks everything it uses, so bad data fails with an {@link IllegalArgumentException} naming the
 * file (and line) before anything is measured.
 */
final class DataOptions {

    /** The {@code --data} value that names the committed test split. */
    static final String CLASSPATH = "classpath";

    /** Examples evaluated when {@code --examples} is not given (or all, when fewer). */
    static final int DEFAULT_EXAMPLES = 2000;

    private static final String IMAGES = "t10k-images-idx3-ubyte";
    private static final String LABELS = "t10k-labels-idx1-ubyte";

    @Option(names = "--data", paramLabel = "DIR|FILE", defaultValue = CLASSPATH,
            description = "Evaluation data: a folder per class of PNG/JPEG images (or images without class folders: "
                    + "unlabelled), a CSV file (with --label-column or --no-labels), a directory holding "
                    + "t10k-images-idx3-ubyte[.gz] and t10k-labels-idx1-ubyte[.gz], or 'classpath' for the committed "
                    + "Fashion-MNIST test split (default: ${DEFAULT-VALUE}).")
    String data = CLASSPATH;

    @Option(names = "--input", paramLabel = "CxHxW",
            description = "Image folders: the model's input shape, e.g. 3x224x224 or 1x28x28 (required for an image "
                    + "folder); images of another size are resized, colour and grey converted.")
    String input;

    @Option(names = "--scale", paramLabel = "0-1|0-255", defaultValue = "0-1",
            description = "Image folders: pixel values divided by 255 (0-1) or kept (0-255) (default: ${DEFAULT-VALUE}).")
    String scale = "0-1";

    @Option(names = "--mean", paramLabel = "R,G,B",
            description = "Image folders: per-channel means to subtract after --scale (one value for grey), with --std.")
    String mean;

    @Option(names = "--std", paramLabel = "R,G,B",
            description = "Image folders: per-channel standard deviations to divide by after --mean.")
    String std;

    @Option(names = "--channel-order", paramLabel = "rgb|bgr", defaultValue = "rgb",
            description = "Image folders: channel order the model takes; DataVec's ImageRecordReader gives bgr "
                    + "(default: ${DEFAULT-VALUE}).")
    String channelOrder = "rgb";

    @Option(names = "--label-column", paramLabel = "N",
            description = "CSV files: the 0-based index of the column holding the class label (a whole number).")
    Integer labelColumn;

    @Option(names = "--no-labels",
            description = "Ignore labels (class folders of an image folder; CSV files have no label column): quality "
                    + "becomes fidelity to fp32 (top-1 and top-5 agreement, KL divergence).")
    boolean noLabels;

    @Option(names = "--examples", paramLabel = "N",
            description = "Evaluate on the first N examples (default: " + DEFAULT_EXAMPLES + ", or all when fewer; "
                    + "image folders take them round-robin over the classes).")
    Integer examples;

    /**
     * Reads the data the options name.
     *
     * @return the data
     * @throws IllegalArgumentException if an option does not fit the source, or the data is missing or
     *     malformed, naming the file, line or value
     * @throws IOException if a file cannot be read
     */
    EvaluationData load() throws IOException {
        if (examples != null && examples < 1) {
            throw new IllegalArgumentException("--examples must be at least 1, got " + examples);
        }
        int limit = examples == null ? DEFAULT_EXAMPLES : examples;
        if (CLASSPATH.equals(data)) {
            noImageOptions("the committed Fashion-MNIST test split");
            return idx(FashionMnistData.fromClasspath().test(), "Fashion-MNIST test split (committed classpath copy)",
                    IMAGES, limit);
        }
        Path path = Path.of(data);
        if (Files.isRegularFile(path)) {
            noImageOptions("a CSV file");
            if (labelColumn == null && !noLabels) {
                throw new IllegalArgumentException("the CSV file " + path + " needs --label-column N (the label's "
                        + "0-based column index) or --no-labels");
            }
            if (labelColumn != null && noLabels) {
                throw new IllegalArgumentException("--label-column and --no-labels exclude each other");
            }
            return checked(CsvData.read(path, noLabels ? -1 : labelColumn, limit), limit);
        }
        Optional<Path> idxImages = find(path, IMAGES);
        if (idxImages.isPresent()) {
            noImageOptions("IDX files");
            Path labels = find(path, LABELS).orElseThrow(() -> new IllegalArgumentException("data directory "
                    + path + " has " + idxImages.get().getFileName() + " but no " + LABELS + ".gz or " + LABELS));
            try (InputStream a = Files.newInputStream(idxImages.get()); InputStream b = Files.newInputStream(labels)) {
                ImageSplit split = FashionMnistData.split(a, idxImages.get().toString(), b, labels.toString());
                return idx(split, path.toAbsolutePath().toString(), idxImages.get().toString(), limit);
            } catch (IOException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        if (labelColumn != null) {
            throw new IllegalArgumentException("--label-column applies to CSV files; " + path + " is a folder");
        }
        if (input == null) {
            throw new IllegalArgumentException("an image folder needs --input CxHxW, the model's input shape, e.g. "
                    + "--input 3x224x224 or --input 1x28x28");
        }
        ImageShape shape = ImageShape.parse(input);
        PixelScaling scaling = new PixelScaling(PixelScaling.parseMax255(scale),
                mean == null ? null : PixelScaling.parseValues("--mean", mean),
                std == null ? null : PixelScaling.parseValues("--std", std), bgr());
        return checked(ImageFolderData.read(path, shape, scaling, noLabels, limit), limit);
    }

    private boolean bgr() {
        return switch (channelOrder.trim().toLowerCase(Locale.ROOT)) {
            case "rgb" -> false;
            case "bgr" -> true;
            default -> throw new IllegalArgumentException("bad --channel-order '" + channelOrder + "': use rgb or bgr");
        };
    }

    /** An explicit --examples larger than the data is an error; the default takes what there is. */
    private EvaluationData checked(EvaluationData d, int limit) {
        if (examples != null && d.size() < limit) {
            throw new IllegalArgumentException("--examples " + examples + " is more than the " + d.size()
                    + " examples of " + d.source());
        }
        return d;
    }

    private EvaluationData idx(ImageSplit split, String source, String file, int limit) {
        if (noLabels) {
            throw new IllegalArgumentException("--no-labels applies to image folders and CSV files, not to IDX files");
        }
        if (examples != null && examples > split.size()) {
            throw new IllegalArgumentException("--examples " + examples + " is more than the " + split.size()
                    + " test images of " + source);
        }
        int n = Math.min(limit, split.size());
        return new IdxData(n == split.size() ? split : split.first(n), source, file);
    }

    private void noImageOptions(String what) {
        List<String> given = new ArrayList<>();
        if (input != null) {
            given.add("--input");
        }
        if (!"0-1".equals(scale)) {
            given.add("--scale");
        }
        if (mean != null) {
            given.add("--mean");
        }
        if (std != null) {
            given.add("--std");
        }
        if (!"rgb".equals(channelOrder)) {
            given.add("--channel-order");
        }
        if (!given.isEmpty()) {
            throw new IllegalArgumentException(String.join(", ", given) + " apply to image folders only; --data "
                    + data + " is " + what);
        }
        if (labelColumn != null && !what.equals("a CSV file")) {
            throw new IllegalArgumentException("--label-column applies to CSV files only; --data " + data + " is "
                    + what);
        }
    }

    private static Optional<Path> find(Path dir, String name) {
        if (!Files.isDirectory(dir)) {
            if (!Files.exists(dir)) {
                throw new IllegalArgumentException("data " + dir + " does not exist; give an image folder, a CSV "
                        + "file, an IDX directory or 'classpath'");
            }
            return Optional.empty();
        }
        return Stream.of(dir.resolve(name + ".gz"), dir.resolve(name)).filter(Files::isRegularFile).findFirst();
    }
}
