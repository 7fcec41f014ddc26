package dev.compressor.examples.advise;

import dev.compressor.examples.smalltier.data.FashionMnistData;
import dev.compressor.examples.smalltier.data.ImageSplit;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The labelled images the advisor evaluates on: Fashion-MNIST-format IDX files (images
 * {@code [n, 28, 28]} of unsigned bytes scaled to [0, 1], labels in [0, 10)), from a directory
 * holding {@code t10k-images-idx3-ubyte[.gz]} and {@code t10k-labels-idx1-ubyte[.gz]}, or the
 * committed test split on the classpath. Stateless.
 *
 * @param split the first examples of the test split
 * @param source where they came from, for the report
 */
record EvaluationImages(ImageSplit split, String source) {

    /** The {@code --data} value that names the committed subset. */
    static final String CLASSPATH = "classpath";

    private static final String IMAGES = "t10k-images-idx3-ubyte";
    private static final String LABELS = "t10k-labels-idx1-ubyte";

    /**
     * Loads the first {@code examples} test images.
     *
     * @param data a directory, or {@value #CLASSPATH} for the committed subset
     * @param examples how many, at least 1 and at most the split's size
     * @return the images
     * @throws IllegalArgumentException if the directory or a file is missing or malformed, naming it
     * @throws IOException if a file cannot be read
     */
    static EvaluationImages load(String data, int examples) throws IOException {
        if (examples < 1) {
            throw new IllegalArgumentException("--examples must be at least 1, got " + examples);
        }
        ImageSplit test;
        String source;
        if (CLASSPATH.equals(data)) {
            test = FashionMnistData.fromClasspath().test();
            source = "Fashion-MNIST test split (committed classpath copy)";
        } else {
            Path dir = Path.of(data);
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException("data directory " + dir + (Files.exists(dir)
                        ? " is not a directory" : " does not exist") + "; give a directory holding " + IMAGES
                        + "[.gz] and " + LABELS + "[.gz], or 'classpath'");
            }
            Path images = find(dir, IMAGES);
            Path labels = find(dir, LABELS);
            test = read(images, labels);
            source = dir.toAbsolutePath().toString();
        }
        if (examples > test.size()) {
            throw new IllegalArgumentException("--examples " + examples + " is more than the " + test.size()
                    + " test images of " + source);
        }
        return new EvaluationImages(test.size() == examples ? test : test.first(examples), source);
    }

    private static Path find(Path dir, String name) {
        Optional<Path> f = java.util.stream.Stream.of(dir.resolve(name + ".gz"), dir.resolve(name))
                .filter(Files::isRegularFile).findFirst();
        return f.orElseThrow(() -> new IllegalArgumentException("data directory " + dir + " has no " + name
                + ".gz or " + name));
    }

    private static ImageSplit read(Path imagesFile, Path labelsFile) {
        try (InputStream a = Files.newInputStream(imagesFile); InputStream b = Files.newInputStream(labelsFile)) {
            return FashionMnistData.split(a, imagesFile.toString(), b, labelsFile.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
