package dev.compressor.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.advisor.Advice;
import dev.compressor.api.artifact.ArtifactException;
import dev.compressor.api.profile.PairedComparison;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs every teaching example and checks what it prints and returns. */
class TeachingExamplesTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theQuickStartCompressesWritesLoadsAndProfiles(@TempDir Path dir) throws Exception {
        dev.compressor.api.profile.Profile p = QuickStart.run(dir, out);
        assertTrue(Files.size(dir.resolve("model.dlc")) > 0);
        assertEquals(50, p.count());
        assertTrue(printed().contains("int8") && printed().contains(p.summary()), printed());
    }

    @Test
    void fp16HalvesTheBytesAndBarelyMovesTheOutputs() {
        Fp16Storage.Result r = Fp16Storage.run(out);
        assertEquals(2.0, (double) r.fp32Bytes() / r.fp16Bytes(), 0.01, "fp16 takes half the bytes");
        assertTrue(r.maxOutputChange() > 0 && r.maxOutputChange() < 1e-2, "output change " + r.maxOutputChange());
        assertTrue(printed().contains(String.format("%,d bytes (2.00x smaller)", r.fp16Bytes())), printed());
    }

    @Test
    void int8PerChannelTakesAboutEightBitsAWeightAndKeepsTheSignal() {
        Int8PerChannel.Result r = Int8PerChannel.run(out);
        assertTrue(r.bitsPerWeight() > 8 && r.bitsPerWeight() < 9, "bits/weight " + r.bitsPerWeight());
        assertTrue(r.sqnrDb() > 30, "SQNR " + r.sqnrDb());
        assertTrue(r.top1Agreement() >= 0.9, "agreement " + r.top1Agreement());
        assertTrue(printed().contains(String.format("SQNR %.1f dB", r.sqnrDb())), printed());
    }

    @Test
    void kmeansLeavesSixteenDistinctValuesInATensor() {
        KMeansWeightSharing.Result r = KMeansWeightSharing.run(out);
        assertTrue(r.distinctDenseWeights() <= 16 && r.distinctDenseWeights() >= 8, "distinct " + r.distinctDenseWeights());
        assertTrue(r.bitsPerWeight() < 5, "bits/weight " + r.bitsPerWeight());
        assertTrue(printed().contains(r.distinctDenseWeights() + " distinct values"), printed());
    }

    @Test
    void magnitudePruningZeroesSeventyPercentOfTheWeights() {
        MagnitudePruning.Result r = MagnitudePruning.run(out);
        assertTrue(r.sparsity() > 0.65 && r.sparsity() < 0.71, "sparsity " + r.sparsity());
        assertTrue(r.compressionRatio() > 1.5, "ratio " + r.compressionRatio());
        assertTrue(printed().contains(String.format("zero weights: %.1f %%", 100 * r.sparsity())), printed());
    }

    @Test
    void pruneAndFineTuneRecoversTheAccuracyThatPruningAtOnceLoses() {
        PruneAndFineTune.Result r = PruneAndFineTune.run(out);
        // real Fashion-MNIST: 90 % at once falls far, fine-tuning on the same data brings it back
        assertTrue(r.trained() > 0.6, r.toString());
        assertTrue(r.oneShot() < r.trained() - 0.3, "90 % at once should fall far: " + r);
        assertTrue(r.fineTuned() > r.oneShot() + 0.2, r.toString());
        assertEquals(0.9, r.sparsity(), 1e-3, "90 % of the weights are exactly zero");
        assertTrue(r.spent().iterations() > 0 && r.spent().wallNanos() > 0, r.spent().toString());
        assertTrue(printed().contains(String.format("pruned at once %.3f, fine-tuned %.3f", r.oneShot(), r.fineTuned())),
                printed());
        assertTrue(printed().contains(r.spent().toString()), printed());
    }

    @Test
    void pruningThenQuantizingSavesMoreThanEitherAlone() {
        PruneThenQuantize.Result r = PruneThenQuantize.run(out);
        assertTrue(r.bothRatio() > r.pruneRatio() && r.bothRatio() > r.quantizeRatio(), r.toString());
        assertTrue(printed().contains("settings: "), printed());
    }

    @Test
    void channelPruningShrinksTheNetworkAndKeepsTheClasses() {
        RemoveChannels.Result r = RemoveChannels.run(out);
        assertTrue(r.parametersAfter() < 0.6 * r.parametersBefore(), r.toString());
        assertEquals(10, r.outputClasses());
        assertTrue(printed().contains(String.format("%,d -> %,d parameters; output shape [4, 10]",
                r.parametersBefore(), r.parametersAfter())), printed());
    }

    @Test
    void anArtifactRestoresExactlyAndACorruptCopyIsRejected(@TempDir Path dir) throws Exception {
        WriteReadRestore.Result r = WriteReadRestore.run(dir, out);
        assertTrue(r.sameOutputs());
        assertEquals(Files.size(dir.resolve("small-cnn-int8.dlc")), r.fileBytes());
        assertNotNull(r.corruptProblem(), "the corrupt copy must be rejected");
        assertTrue(printed().contains("corrupt copy rejected: " + r.corruptProblem()), printed());
    }

    @Test
    void residentInt8HoldsAboutAQuarterOfTheWeightMemory() throws ArtifactException {
        ResidentInt8.Result r = ResidentInt8.run(out);
        double weights = r.encodedBytes() + r.fp32Bytes();
        assertTrue(weights < 0.3 * r.atLoadBytes(), printed());
        assertTrue(r.scratchBytes() > 0 && r.scratchBytes() < r.atLoadBytes(), printed());
        assertTrue(r.maxOutputDifference() < 1e-4, "difference " + r.maxOutputDifference());
        assertTrue(printed().contains(String.format("dequantized at load: %,d bytes", r.atLoadBytes())), printed());
    }

    @Test
    void profilingComparesInPairedRoundsWithANegativeControl() throws Exception {
        ProfileWithEnergy.Result r = ProfileWithEnergy.run(10, out);
        PairedComparison control = r.control();
        assertTrue(control.rounds() >= 10, control.toString());
        // timing-free checks only (a busy machine may make even the control undecided): the interval
        // holds the ratio, and the printed verdict is the comparison's own
        assertTrue(control.lower() <= control.ratio() && control.ratio() <= control.upper(), control.toString());
        assertTrue(printed().contains(control.format() + " " + control.verdict().latencyWord()), printed());
        assertTrue(r.residentInt8().rounds() >= 10);
        assertTrue(printed().contains("latency, fp32 copy / fp32 (must be same): " + control.format()), printed());
        assertTrue(printed().contains("energy meter: " + r.meter()), printed());
        assertEquals(r.estimated(), printed().contains("ESTIMATE"), printed());
    }

    @Test
    void aCustomEncodingWritesAndRestores() throws ArtifactException {
        CustomEncoding.Result r = CustomEncoding.run(out);
        assertTrue(r.restoresExactly());
        assertTrue(r.bitsPerWeight() > 16 && r.bitsPerWeight() < 17.5, "bits/weight " + r.bitsPerWeight());
        assertTrue(printed().contains("restores the rounded weights exactly: true"), printed());
        assertTrue(printed().contains("int16 (5)"), "the report names the encoder on the 5 weight tensors: " + printed());
    }

    @Test
    void theAdvisorAnswersWithAChoiceAndItsReasons() throws Exception {
        Advice advice = ShouldICompress.run(out);
        assertFalse(advice.measured().isEmpty());
        assertTrue(printed().contains("fp16") && printed().contains("int8") && printed().contains("prune90"), printed());
        // int8 keeps the top-1 class of almost every image and is half fp16's size: the size objective
        // must pick it or something smaller that also passes
        assertTrue(advice.recommendation().isPresent(), advice.toTable());
        String choice = advice.recommendation().get().candidate().name();
        assertTrue(choice.equals("int8") || choice.equals("int4") || choice.equals("prune90"), choice);
        assertFalse(advice.reasons().isEmpty());
    }

    @Test
    void shouldICompressMyModelReadsAFolderPerClassOfImagesAndAnswers(@TempDir Path dir) throws Exception {
        org.deeplearning4j.nn.multilayer.MultiLayerNetwork net = ExampleNetworks.smallCnn(42);
        Path model = dir.resolve("model.zip");
        net.save(model.toFile());
        // real Fashion-MNIST test images (the study's committed split, on this module's runtime class path),
        // five of each class, written as PNG files into a folder per class named by the label
        java.io.DataInputStream images = new java.io.DataInputStream(new java.util.zip.GZIPInputStream(
                getClass().getResourceAsStream("/smalltier/fashion-mnist/t10k-images-idx3-ubyte.gz")));
        java.io.DataInputStream labels = new java.io.DataInputStream(new java.util.zip.GZIPInputStream(
                getClass().getResourceAsStream("/smalltier/fashion-mnist/t10k-labels-idx1-ubyte.gz")));
        images.skipNBytes(16);
        labels.skipNBytes(8);
        int[] perClass = new int[10];
        java.util.List<float[]> written = new java.util.ArrayList<>();
        java.util.List<Integer> writtenLabels = new java.util.ArrayList<>();
        for (int i = 0; written.size() < 50; i++) {
            byte[] px = images.readNBytes(784);
            int label = labels.readUnsignedByte();
            if (perClass[label]++ >= 5) {
                continue;
            }
            java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(28, 28,
                    java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
            img.getRaster().setDataElements(0, 0, 28, 28, px);
            Path folder = Files.createDirectories(dir.resolve("images").resolve(Integer.toString(label)));
            assertTrue(javax.imageio.ImageIO.write(img, "png", folder.resolve(i + ".png").toFile()));
            float[] x = new float[784];
            for (int k = 0; k < 784; k++) {
                x[k] = (px[k] & 0xff) / 255f;
            }
            written.add(x);
            writtenLabels.add(label);
        }
        Advice advice = ShouldICompressMyModel.run(model, dir.resolve("images"), out);
        // the fp32 accuracy the advisor measured is the network's accuracy on exactly these images
        float[] flat = new float[50 * 784];
        for (int i = 0; i < 50; i++) {
            System.arraycopy(written.get(i), 0, flat, i * 784, 784);
        }
        org.nd4j.linalg.api.ndarray.INDArray predicted = net.output(org.nd4j.linalg.factory.Nd4j.create(flat,
                new long[] {50, 1, 28, 28}, org.nd4j.linalg.api.buffer.DataType.FLOAT)).argMax(1);
        int right = 0;
        for (int i = 0; i < 50; i++) {
            right += predicted.getInt(i) == writtenLabels.get(i) ? 1 : 0;
        }
        assertEquals(right / 50.0, advice.baseline().quality(), 1e-12);
        assertEquals(4, advice.measured().size(), "fp32, fp16, int8 and int4");
        assertTrue(printed().contains("int8") && printed().contains("int4"), printed());
        assertFalse(advice.reasons().isEmpty());
    }
}
