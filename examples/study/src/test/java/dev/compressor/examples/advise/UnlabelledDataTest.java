package dev.compressor.examples.advise;

import dev.compressor.examples.fidelity.Fidelity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.examples.advise.AdviseCommandTest.Run;
import dev.compressor.examples.smalltier.data.FashionMnistData;
import dev.compressor.examples.smalltier.data.ImageSplit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unlabelled data (a folder of images without class folders, a CSV file or a labelled folder with
 * {@code --no-labels}): quality is fidelity to fp32, the output says so and lists top-1 and top-5
 * agreement and the KL divergence per candidate.
 */
class UnlabelledDataTest {

    static final int N = 200;

    @TempDir
    static Path dir;

    static Path model;
    static ImageSplit test;

    @BeforeAll
    static void trainAndWrite() throws Exception {
        MultiLayerNetwork net = TrainedMlp.train();
        model = dir.resolve("mlp.zip");
        ModelSerializer.writeModel(net, model.toFile(), false);
        test = FashionMnistData.fromClasspath().test();
        FashionMnistFiles.writePngs(test, N, dir.resolve("flat"), true);
        FashionMnistFiles.writePngs(test, N, dir.resolve("classes"), false);
        FashionMnistFiles.writeCsv(test, N, dir.resolve("rows.csv"), false);
    }

    static Run advise(String... data) {
        String[] common = {"--model", model.toString(), "--warmup", "0", "--iterations", "2", "--max-drop", "1"};
        String[] args = new String[common.length + data.length];
        System.arraycopy(common, 0, args, 0, common.length);
        System.arraycopy(data, 0, args, common.length, data.length);
        return AdviseCommandTest.advise(args);
    }

    @Test
    void aFolderWithoutClassFoldersIsMeasuredAsFidelityToFp32() throws Exception {
        Path csv = dir.resolve("fidelity.csv");
        Path json = dir.resolve("fidelity.json");
        Run r = advise("--data", dir.resolve("flat").toString(), "--input", "1x28x28", "--candidates", "fp16,int4",
                "--csv", csv.toString(), "--json", json.toString());
        System.out.println(r.out());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("no class folders: unlabelled; " + N + " of " + N + " images"), r.out());
        assertTrue(r.out().contains("quality: fidelity to fp32 (the data has no labels)"), r.out());
        assertTrue(r.out().contains("constraints: top-1 agreement drop <= 1.00 pts"), r.out());
        assertTrue(r.out().contains("| candidate | runtime | bytes | size vs fp32 | p50 ms | J/inference | top-1 agreement |"),
                r.out());
        assertTrue(r.out().contains("### Fidelity to fp32 (unlabelled data)"), r.out());
        assertTrue(r.out().contains("| fp32 | 1.0000 | 1.0000 | 0.000e+00 | " + N + " |"), "fp32 agrees with itself: "
                + r.out());
        String fp16 = r.out().lines().filter(l -> l.startsWith("| fp16 | 1.0000 | 1.0000 |") || l.startsWith("| fp16 | 0.99"))
                .findFirst().orElseThrow(() -> new AssertionError("fp16 row of the fidelity table: " + r.out()));
        String int4 = r.out().lines().filter(l -> l.startsWith("| int4 | 0.") || l.startsWith("| int4 | 1.")).findFirst()
                .orElseThrow();
        double klFp16 = Double.parseDouble(fp16.split("\\|")[4].trim());
        double klInt4 = Double.parseDouble(int4.split("\\|")[4].trim());
        assertTrue(klFp16 < klInt4 && klInt4 > 0, "int4 moves the softmax more than fp16: " + fp16 + " / " + int4);
        List<String> rows = Files.readAllLines(csv);
        assertTrue(rows.get(0).contains(",top1_agreement,") && rows.get(0).endsWith(",top5_agreement,kl_divergence"),
                rows.get(0));
        String j = Files.readString(json);
        assertTrue(j.contains("\"quality\": \"top-1 agreement with fp32\"") && j.contains("\"klDivergence\""), j);
    }

    @Test
    void aCsvWithoutLabelsAndALabelledFolderWithNoLabelsToo() {
        Run csv = advise("--data", dir.resolve("rows.csv").toString(), "--no-labels", "--candidates", "int8_channel",
                "--mixes", "quant", "--quiet");
        assertEquals(0, csv.status(), csv.err());
        assertTrue(csv.out().contains(N + " of " + N + " rows after a header, 784 features, unlabelled"), csv.out());
        assertTrue(csv.out().contains("### Fidelity to fp32 (unlabelled data)"), csv.out());
        assertTrue(csv.out().lines().anyMatch(l -> l.startsWith("| int8_channel | ")), csv.out());
        Run folder = advise("--data", dir.resolve("classes").toString(), "--input", "1x28x28", "--no-labels",
                "--candidates", "int8_channel", "--quiet");
        assertEquals(0, folder.status(), folder.err());
        assertTrue(folder.out().contains("10 class folders, labels ignored"), folder.out());
        assertTrue(folder.out().contains("quality: fidelity to fp32"), folder.out());
    }

    @Test
    void colourPhotosOfAnotherSizeDriveAComputationGraphThatTakesRgbImages() throws Exception {
        org.deeplearning4j.nn.graph.ComputationGraph cnn = dev.compressor.examples.study.SweepNetwork.byId("tiny_cnn")
                .build(1);
        Path zip = dir.resolve("tiny-cnn.zip");
        ModelSerializer.writeModel(cnn, zip.toFile(), false);
        Path photos = Files.createDirectories(dir.resolve("photos"));
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < 12; i++) {
            java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(48, 40,
                    java.awt.image.BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 40; y++) {
                for (int x = 0; x < 48; x++) {
                    img.setRGB(x, y, (x * 5) << 16 | (y * 6) << 8 | random.nextInt(256));
                }
            }
            javax.imageio.ImageIO.write(img, i % 3 == 0 ? "jpg" : "png", photos.resolve("photo" + i + (i % 3 == 0
                    ? ".jpeg" : ".png")).toFile());
        }
        Run r = AdviseCommandTest.advise("--model", zip.toString(), "--data", photos.toString(), "--input", "3x32x32",
                "--mean", "0.485,0.456,0.406", "--std", "0.229,0.224,0.225", "--candidates", "int8_channel",
                "--warmup", "0", "--iterations", "2", "--max-drop", "5", "--quiet");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("12 of 12 images as 3x32x32, RGB, [0, 1], mean [0.485, 0.456, 0.406]"), r.out());
        assertTrue(r.out().contains("fp32 input [n, 3, 32, 32]"), r.out());
        assertTrue(r.out().contains("| fp32 | 1.0000 | 1.0000 | 0.000e+00 | 12 |"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("| int8_channel | ")), r.out());
    }
}
