package dev.compressor.examples;

import dev.compressor.api.Compressors;
import dev.compressor.api.advisor.Advice;
import dev.compressor.api.advisor.Advisor;
import dev.compressor.api.advisor.Candidate;
import dev.compressor.api.advisor.Constraints;
import dev.compressor.api.advisor.Objective;
import dev.compressor.api.advisor.QualityMetric;
import dev.compressor.api.profile.Profiler;
import dev.compressor.quant.Quantization;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Example: should I compress my model? Your saved classifier (of 28x28 grey images here) and a folder per
 * class of your images (label = index of the sorted folder name, as in DataVec): the {@link Advisor}
 * measures top-1 accuracy, size and latency of each candidate here and answers, with its reasons.
 * {@code study advise} does this for any input shape, CSV files and unlabelled images. Run: {@code mvn -B -q
 * -pl examples exec:java -Dexamples.main=dev.compressor.examples.ShouldICompressMyModel -Dexec.args="m.zip dir"}
 */
public final class ShouldICompressMyModel {

    private ShouldICompressMyModel() { }

    /** @param args the model zip and the image folder @throws Exception if reading or measuring fails */
    public static void main(String[] args) throws Exception {
        run(Path.of(args[0]), Path.of(args[1]), System.out);
    }

    /** @param model a ModelSerializer zip @param folder a folder per class of PNG/JPEG images
     *  @param out where to print @return the advice @throws Exception if reading or measuring fails */
    public static Advice run(Path model, Path folder, PrintStream out) throws Exception {
        List<float[]> pixels = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<Path> classes = sorted(folder);
        for (int label = 0; label < classes.size(); label++) {
            for (Path file : sorted(classes.get(label))) {
                BufferedImage grey = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
                grey.getGraphics().drawImage(ImageIO.read(file.toFile()), 0, 0, 28, 28, null); // any size, colour
                float[] x = grey.getRaster().getPixels(0, 0, 28, 28, new float[28 * 28]);
                pixels.add(Nd4j.create(x).divi(255f).toFloatVector());             // [0, 1], as in training
                labels.add(label);
            }
        }
        INDArray images = Nd4j.create(pixels.toArray(float[][]::new)).reshape(pixels.size(), 1, 28, 28);
        QualityMetric top1 = net -> {                                              // top-1 accuracy
            INDArray predicted = ((MultiLayerNetwork) net).output(images).argMax(1);
            return java.util.stream.IntStream.range(0, labels.size())
                    .filter(i -> predicted.getInt(i) == labels.get(i)).count() / (double) labels.size();
        };
        Advice advice = Advisor.builder().quality(top1).inputs(images.get(NDArrayIndex.interval(0, 1)))
                .profiler(Profiler.builder().measuredIterations(20).build()).objective(Objective.size())
                .constraints(Constraints.none().withMaxQualityDrop(0.01))          // at most 1 point of top-1
                .candidates(List.of(Candidate.of("fp16", Compressors.fp16(), 1),
                        Candidate.of("int8", Quantization.int8PerChannel(), 2),
                        Candidate.of("int4", Quantization.linear(4).build(), 3)))
                .build().advise(MultiLayerNetwork.load(model.toFile(), false));
        out.print(advice.toTable());
        return advice;
    }

    private static List<Path> sorted(Path dir) throws IOException {     // hidden files (.DS_Store) left out
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }
}
