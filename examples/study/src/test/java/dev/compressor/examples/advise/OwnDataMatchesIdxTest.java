package dev.compressor.examples.advise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.examples.advise.AdviseCommandTest.Run;
import dev.compressor.examples.smalltier.data.FashionMnistData;
import dev.compressor.examples.smalltier.data.ImageSplit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same real Fashion-MNIST test images, given to {@code advise} three ways (the committed IDX
 * split, PNG files in a folder per class, a CSV file with a label column), give the same top-1 for
 * every candidate: the readers produce the same input values and labels.
 */
class OwnDataMatchesIdxTest {

    static final int N = 400;
    static final String CANDIDATES = "fp16,int8_channel,int4";

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
        FashionMnistFiles.writePngs(test, N, dir.resolve("pngs"), false);
        FashionMnistFiles.writeCsv(test, N, dir.resolve("test.csv"), true);
    }

    static Run advise(String... data) {
        String[] common = {"--model", model.toString(), "--examples", Integer.toString(N), "--candidates", CANDIDATES,
            "--warmup", "0", "--iterations", "2", "--max-drop", "2", "--quiet"};
        String[] args = new String[common.length + data.length];
        System.arraycopy(common, 0, args, 0, common.length);
        System.arraycopy(data, 0, args, common.length, data.length);
        return AdviseCommandTest.advise(args);
    }

    /** The top-1 column of every candidate's row in the Markdown tables. */
    static Map<String, String> top1(String out) {
        Map<String, String> m = new TreeMap<>();
        out.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| candidate") && !l.startsWith("| ---"))
                .forEach(l -> {
                    String[] cells = l.split("\\|");
                    m.put(cells[1].replace("**(chosen)**", "").trim(), cells[7].trim());
                });
        return m;
    }

    @Test
    void pngFolderAndCsvGiveTheIdxTop1ForEveryCandidate() throws Exception {
        Run idx = advise();
        Run png = advise("--data", dir.resolve("pngs").toString(), "--input", "1x28x28");
        Run csv = advise("--data", dir.resolve("test.csv").toString(), "--label-column", "0");
        System.out.println(idx.out() + png.out() + csv.out());
        for (Run r : new Run[] {idx, png, csv}) {
            assertEquals(0, r.status(), r.err());
        }
        Map<String, String> expected = top1(idx.out());
        assertEquals(4, expected.size(), "fp32 and three candidates: " + idx.out());
        assertEquals(expected, top1(png.out()), png.out());
        assertEquals(expected, top1(csv.out()), csv.out());
        assertTrue(png.out().contains("10 class folders; " + N + " of " + N + " images as 1x28x28"), png.out());
        assertTrue(csv.out().contains(N + " of " + N + " rows after a header, 784 features, labelled"), csv.out());
        assertTrue(png.out().contains("fp32 input [n, 784]") && csv.out().contains("fp32 input [n, 784]"));
        assertTrue(png.out().contains("quality: top-1 accuracy"), png.out());
        assertEquals(N, Files.readAllLines(dir.resolve("test.csv")).size() - 1);
    }
}
