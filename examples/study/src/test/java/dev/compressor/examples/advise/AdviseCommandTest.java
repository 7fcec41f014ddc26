package dev.compressor.examples.advise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.Compressors;
import dev.compressor.api.artifact.OuterCompression;
import dev.compressor.examples.smalltier.image.SmallNetwork;
import dev.compressor.examples.smalltier.image.SmallTierWeights;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The {@code advise} command end to end, in process: a small MLP trained here on real
 * Fashion-MNIST, saved with ModelSerializer and as a compressor artifact in a temporary folder, the
 * real test images copied there as IDX files, and bad inputs.
 */
class AdviseCommandTest {

    @TempDir
    static Path dir;

    static Path zip;
    static Path artifact;
    static Path data;

    @BeforeAll
    static void trainAndSave() throws Exception {
        MultiLayerNetwork net = TrainedMlp.train();
        zip = dir.resolve("mlp.zip");
        ModelSerializer.writeModel(net, zip.toFile(), false);
        artifact = dir.resolve("mlp.dlc");
        Files.write(artifact, Compressors.identity().compress(net).artifact().toBytes(OuterCompression.ZSTD));
        data = dir.resolve("fmnist");
        Files.createDirectories(data);
        for (String f : List.of("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")) {
            try (InputStream in = AdviseCommandTest.class.getResourceAsStream("/smalltier/fashion-mnist/" + f)) {
                Files.copy(in, data.resolve(f));
            }
        }
    }

    /** Output, error text and exit status of one run. */
    record Run(int status, String out, String err) {
    }

    static Run advise(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new AdviseCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int status = cl.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void zipModelOnADataDirectoryPrintsTheFrontAndTheChoiceAndWritesCsvAndJson() throws Exception {
        Path csv = dir.resolve("front.csv");
        Path json = dir.resolve("advice.json");
        Run r = advise("--model", zip.toString(), "--data", data.toString(), "--examples", "400",
                "--candidates", "fp16,int8_channel,int4", "--warmup", "1", "--iterations", "5", "--max-drop", "2",
                "--csv", csv.toString(), "--json", json.toString());
        System.out.println(r.out);
        assertEquals(0, r.status, r.err);
        assertTrue(r.out.contains("### Measured Pareto front"), r.out);
        assertTrue(r.out.contains("| fp32 |") || r.out.contains("| fp32 **(chosen)** |")
                || r.out.contains("fp32"), r.out);
        assertTrue(r.out.contains("[n, 784]"), "flattened input detected: " + r.out);
        assertTrue(r.err.contains("measuring int4"), r.err);
        List<String> rows = Files.readAllLines(csv);
        assertEquals(5, rows.size(), rows.toString()); // header, fp32 and three candidates
        assertTrue(rows.get(0).startsWith("candidate,runtime,on_front,chosen"), rows.get(0));
        String j = Files.readString(json);
        var tree = new org.nd4j.shade.jackson.databind.ObjectMapper().readTree(j); // valid JSON
        assertEquals(4, tree.get("measurements").size(), j);
        assertEquals("int4", tree.get("measurements").get(3).get("candidate").asText(), j);
        assertEquals(tree.get("recommendation").asText() + "", r.out.lines().filter(l -> l.startsWith("### Choice: "))
                .findFirst().orElseThrow().substring("### Choice: ".length()), j);
        // the size objective within 2 points: int8 and int4 are both far smaller than fp32 on disk
        assertTrue(r.out.contains("### Choice: int"), r.out);
        String chosenRow = r.out.lines().filter(l -> l.contains("**(chosen)**")).findFirst().orElseThrow();
        assertTrue(chosenRow.endsWith("| met |"), chosenRow);
        assertTrue(j.contains("\"doNotCompress\": false"), j);
    }

    @Test
    void artifactModelWithAnImpossibleSizeBudgetIsToldNotToCompressAndWhy() {
        Run r = advise("--model", artifact.toString(), "--examples", "200", "--candidates", "fp16,int8_channel",
                "--warmup", "1", "--iterations", "3", "--max-bytes", "1k", "--quiet");
        assertEquals(0, r.status, r.err);
        assertTrue(r.out.contains("### Choice: do not compress"), r.out);
        assertTrue(r.out.contains("do not compress: no candidate improves"), r.out);
        assertTrue(r.out.contains("int8_channel: breaks size"), r.out);
        assertTrue(r.out.contains("committed classpath copy"), r.out);
        assertTrue(r.err.isEmpty(), "quiet: " + r.err);
    }

    @Test
    void quantizationMixesAreGeneratedAndMeasuredNextToTheGrid() {
        Run r = advise("--model", zip.toString(), "--examples", "300", "--candidates", "int4",
                "--mixes", "quant", "--max-drop", "1", "--warmup", "1", "--iterations", "3");
        assertEquals(0, r.status, r.err);
        assertTrue(r.err.contains("per-layer quantization sensitivity"), r.err);
        System.out.println(r.out);
        long measuredMixes = r.err.lines().filter(l -> l.contains("measuring qmix-")).count();
        long listed = r.out.lines().filter(l -> l.startsWith("- qmix-")).count();
        assertTrue(listed >= 1, "the first layer holds 94 % of the weights and is the one to narrow: " + r.out);
        assertEquals(listed, measuredMixes, r.out + r.err);
    }

    @Test
    void computationGraphSavedWithModelSerializerTakesImagesAsNchw() throws Exception {
        ComputationGraph vgg8 = SmallTierWeights.fromClasspath(SmallNetwork.VGG8).orElseThrow();
        Path cg = dir.resolve("vgg8.zip");
        ModelSerializer.writeModel(vgg8, cg.toFile(), false);
        Run r = advise("--model", cg.toString(), "--examples", "100", "--candidates", "int8_channel",
                "--warmup", "0", "--iterations", "2", "--objective", "size=1,latency=1", "--quiet");
        assertEquals(0, r.status, r.err);
        assertTrue(r.out.contains("fp32 input [n, 1, 28, 28]"), r.out);
        assertTrue(r.out.contains("objective: minimise {SIZE=1.0, LATENCY=1.0}")
                || r.out.contains("objective: minimise {LATENCY=1.0, SIZE=1.0}"), r.out);
        assertTrue(r.out.contains("| int8_channel"), r.out);
    }

    @Test
    void helpDescribesTheInputsObjectivesAndConstraints() {
        Run r = advise("--help");
        assertEquals(0, r.status);
        for (String opt : List.of("--model", "--data", "--objective", "--max-drop", "--max-latency-ms", "--max-bytes",
                "--candidates", "--mixes", "--time-budget", "--csv", "--json")) {
            assertTrue(r.out.contains(opt), opt + " in " + r.out);
        }
        Run top = advise();
        assertEquals(2, top.status, "--model is required");
        assertTrue(top.err.contains("--model"), top.err);
    }

    @Test
    void missingFilesWrongFormatsAndUnknownNamesAreClearErrors() throws Exception {
        Path missing = dir.resolve("nope.zip");
        Run r = advise("--model", missing.toString());
        assertEquals(2, r.status);
        assertTrue(r.err.contains("error: model file " + missing + " does not exist"), r.err);

        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "hello");
        r = advise("--model", text.toString());
        assertEquals(2, r.status);
        assertTrue(r.err.contains(text + " is neither a DL4J ModelSerializer zip nor a compressor artifact"), r.err);

        Path badArtifact = dir.resolve("bad.dlc");
        byte[] good = Files.readAllBytes(artifact);
        Files.write(badArtifact, java.util.Arrays.copyOf(good, good.length / 2));
        r = advise("--model", badArtifact.toString());
        assertEquals(2, r.status);
        assertTrue(r.err.contains(badArtifact + " is a damaged compressor artifact"), r.err);

        r = advise("--model", zip.toString(), "--candidates", "int8_channel,int3");
        assertEquals(2, r.status);
        assertTrue(r.err.contains("unknown candidate 'int3'"), r.err);

        r = advise("--model", zip.toString(), "--data", dir.resolve("nodata").toString());
        assertEquals(2, r.status);
        assertTrue(r.err.contains("data " + dir.resolve("nodata") + " does not exist"), r.err);

        Path bogusData = dir.resolve("bogus");
        Files.createDirectories(bogusData);
        Files.writeString(bogusData.resolve("t10k-images-idx3-ubyte"), "not idx");
        Files.writeString(bogusData.resolve("t10k-labels-idx1-ubyte"), "not idx");
        r = advise("--model", zip.toString(), "--data", bogusData.toString());
        assertEquals(2, r.status);
        assertTrue(r.err.contains("t10k-images-idx3-ubyte"), r.err);

        r = advise("--model", zip.toString(), "--objective", "speed");
        assertEquals(2, r.status);
        assertTrue(r.err.contains("unknown objective metric 'speed'"), r.err);

        r = advise("--model", zip.toString(), "--mixes", "layers");
        assertEquals(2, r.status);
        assertTrue(r.err.contains("unknown --mixes kind 'layers'"), r.err);

        r = advise("--model", zip.toString(), "--time-budget", "soon");
        assertEquals(2, r.status);
        assertTrue(r.err.contains("bad duration 'soon'"), r.err);
        assertFalse(r.err.contains("Exception"), r.err);
    }
}
