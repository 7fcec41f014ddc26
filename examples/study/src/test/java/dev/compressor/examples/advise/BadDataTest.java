package dev.compressor.examples.advise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.examples.advise.AdviseCommandTest.Run;
import dev.compressor.examples.smalltier.data.FashionMnistData;
import dev.compressor.examples.smalltier.data.ImageSplit;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Bad evaluation data for {@code advise}: each case is one clear error naming the file (and line),
 * exit status 2, and nothing measured (no report on standard output, no candidate started).
 */
class BadDataTest {

    @TempDir
    static Path dir;

    static Path model;
    static ImageSplit test;

    @BeforeAll
    static void saveModel() throws Exception {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(784).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        model = dir.resolve("softmax.zip");
        ModelSerializer.writeModel(net, model.toFile(), false);
        test = FashionMnistData.fromClasspath().test();
    }

    /** Runs advise on the data and checks the common outcome: status 2, the message, nothing measured. */
    static Run rejected(String expected, String... data) {
        String[] args = new String[4 + data.length];
        System.arraycopy(new String[] {"--model", model.toString(), "--candidates", "int8_channel"}, 0, args, 0, 4);
        System.arraycopy(data, 0, args, 4, data.length);
        Run r = AdviseCommandTest.advise(args);
        assertEquals(2, r.status(), r.out() + r.err());
        assertTrue(r.err().contains("error: " + expected), "expected '" + expected + "' in:\n" + r.err());
        assertTrue(r.err().contains("nothing was measured"), r.err());
        assertEquals("", r.out(), "nothing printed, nothing measured");
        assertFalse(r.err().contains("measuring"), r.err());
        assertFalse(r.err().contains("Exception"), "a message, not a stack trace: " + r.err());
        return r;
    }

    static Path folderWithImages(String name, int n) throws Exception {
        Path d = dir.resolve(name);
        FashionMnistFiles.writePngs(test, n, d, false);
        return d;
    }

    @Test
    void anEmptyFolder() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        rejected("data folder " + empty + " is empty", "--data", empty.toString(), "--input", "1x28x28");
    }

    @Test
    void aFolderWithANonImageFile() throws Exception {
        Path d = folderWithImages("with-notes", 20);
        Path notes = d.resolve(FashionMnistFiles.CLASSES[3]).resolve("notes.txt");
        Files.writeString(notes, "taken on a Tuesday");
        rejected(notes + ": not a PNG or JPEG image", "--data", d.toString(), "--input", "1x28x28");
    }

    @Test
    void aCorruptJpeg() throws Exception {
        Path d = folderWithImages("with-broken-jpeg", 20);
        BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                img.setRGB(x, y, (x * 9) << 16 | (y * 9) << 8 | 128);
            }
        }
        Path jpeg = d.resolve(FashionMnistFiles.CLASSES[0]).resolve("00000-broken.jpg");
        assertTrue(ImageIO.write(img, "jpg", jpeg.toFile()));
        byte[] whole = Files.readAllBytes(jpeg);
        Files.write(jpeg, Arrays.copyOf(whole, whole.length / 2)); // cut off halfway, as by a failed copy
        rejected(jpeg + ": damaged image", "--data", d.toString(), "--input", "1x28x28");
    }

    @Test
    void aCsvRowWithAValueMissing() throws Exception {
        Path csv = dir.resolve("ragged.csv");
        FashionMnistFiles.writeCsv(test, 10, csv, true);
        List<String> lines = Files.readAllLines(csv);
        lines.set(6, lines.get(6).substring(0, lines.get(6).lastIndexOf(',')));
        Files.write(csv, lines);
        rejected(csv + " line 7: 784 values, expected 785 (as on line 1)", "--data", csv.toString(),
                "--label-column", "0");
    }

    @Test
    void aCsvValueThatIsNotANumber() throws Exception {
        Path csv = dir.resolve("text.csv");
        FashionMnistFiles.writeCsv(test, 10, csv, true);
        List<String> lines = Files.readAllLines(csv);
        String[] cells = lines.get(4).split(",");
        cells[100] = "n/a";
        lines.set(4, String.join(",", cells));
        Files.write(csv, lines);
        rejected(csv + " line 5, column 101 (index 100): 'n/a' is not a number", "--data", csv.toString(),
                "--label-column", "0");
    }

    @Test
    void aLabelOutOfRange() throws Exception {
        Path csv = dir.resolve("label.csv");
        FashionMnistFiles.writeCsv(test, 10, csv, true);
        List<String> lines = Files.readAllLines(csv);
        lines.set(9, "10" + lines.get(9).substring(lines.get(9).indexOf(',')));
        Files.write(csv, lines);
        rejected(csv + " line 10: label 10 is out of range: the model outputs 10 classes, labels 0 to 9",
                "--data", csv.toString(), "--label-column", "0");
    }

    @Test
    void imagesOfAnotherShapeThanTheModelTakesNameBothShapes() throws Exception {
        Path d = folderWithImages("shape", 10);
        Run r = rejected("the model does not take the data's shape: the data gives 3x32x32 images, [n, 3, 32, 32] "
                + "or flattened [n, 3072] but the model takes [n, 784]", "--data", d.toString(), "--input", "3x32x32");
        assertTrue(r.err().contains("give --input matching the model"), r.err());
    }

    @Test
    void fewerClassFoldersThanTheModelHasClasses() throws Exception {
        Path d = folderWithImages("three-classes", 40);
        for (int c = 3; c < 10; c++) {
            Path f = d.resolve(FashionMnistFiles.CLASSES[c]);
            try (var s = Files.list(f)) {
                for (Path p : s.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(f);
        }
        rejected("the data has 3 classes (class folders 0-t-shirt, 1-trouser, 2-pullover) but the model outputs "
                + "10 classes", "--data", d.toString(), "--input", "1x28x28");
    }

    @Test
    void imageOptionsOnACsvFileAndACsvWithoutALabelChoice() throws Exception {
        Path csv = dir.resolve("plain.csv");
        FashionMnistFiles.writeCsv(test, 5, csv, true);
        rejected("--input apply to image folders only", "--data", csv.toString(), "--input", "1x28x28",
                "--label-column", "0");
        rejected("the CSV file " + csv + " needs --label-column N", "--data", csv.toString());
    }
}
