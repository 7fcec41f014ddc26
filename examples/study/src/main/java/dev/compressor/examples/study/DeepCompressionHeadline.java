package dev.compressor.examples.study;

import com.google.common.base.Ticker;
import dev.compressor.api.CompressionResult;
import dev.compressor.api.CompressionState;
import dev.compressor.api.TensorSelector;
import dev.compressor.api.TensorState;
import dev.compressor.api.artifact.CompressedModel;
import dev.compressor.api.artifact.OuterCompression;
import dev.compressor.examples.networks.StudyNetwork;
import dev.compressor.examples.settings.DeepCompressionHan;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.LongFunction;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.util.ModelSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * The study's headline figure: {@link DeepCompressionHan the Deep Compression pipeline} on the
 * seeded VGG-16, its artifact's size on disk against the entropy bound of what it stores, and its
 * ratios to the raw fp32 parameters and to DL4J's fp32 ModelSerializer file beside Han et al.'s 49x.
 * Writes {@code headline.md} and exits with status 1 when the artifact exceeds 1.10 x the bound or
 * does not decode to the values it was written from. Run it with
 * <pre>
 * MAVEN_OPTS=-Xmx6g mvn -B -q -pl examples exec:java \
 *   -Dexamples.main=dev.compressor.examples.study.DeepCompressionHeadline -Dexec.args="--out target/headline"
 * </pre>
 * Needs about 4 GB of heap for VGG-16.
 */
@Command(name = "deep-compression-headline", mixinStandardHelpOptions = true,
        description = "Deep Compression (Han et al. densities, 8/5-bit codebooks, entropy-coded) on VGG-16: "
                + "artifact bytes, entropy bound, ratios")
public final class DeepCompressionHeadline implements Callable<Integer> {

    /** The largest accepted artifact size over its entropy bound. */
    public static final double MAX_OVERHEAD = 1.10;

    @Option(names = "--out", description = "folder for the files (default: ${DEFAULT-VALUE})")
    Path out = Path.of("target", "deep-compression-headline");

    @Option(names = "--seed", description = "weight seed of the network (default: ${DEFAULT-VALUE})")
    long seed = 42;

    private final LongFunction<Model> network;
    private final Ticker ticker;

    /** The command on the study's VGG-16, timed with {@link Ticker#systemTicker()}. */
    public DeepCompressionHeadline() {
        this(StudyNetwork.VGG16::build, Ticker.systemTicker());
    }

    /**
     * The command on another network with VGG-16's layer names (for tests), with its own clock.
     *
     * @param network builds the network from the seed
     * @param ticker monotonic nanoseconds, for the reported times
     */
    DeepCompressionHeadline(LongFunction<Model> network, Ticker ticker) {
        this.network = network;
        this.ticker = ticker;
    }

    /**
     * Runs the command.
     *
     * @param args command-line arguments ({@code --help} lists them)
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new DeepCompressionHeadline()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(out);
        System.out.println("building the network (seed " + seed + ")");
        Model net = network.apply(seed);
        Path reference = out.resolve("vgg16-fp32.zip");
        ModelSerializer.writeModel(net, reference.toFile(), false);
        long referenceBytes = Files.size(reference);
        Files.delete(reference);
        long start = ticker.read();
        CompressionState shared = DeepCompressionHan.pruneAndShare().apply(CompressionState.of(net, seed));
        long elapsed = ticker.read() - start;
        long plainBytes = weightBlobBytes(shared);
        start = ticker.read();
        CompressionState coded = DeepCompressionHan.entropyCoding().apply(shared);
        elapsed += ticker.read() - start;
        CompressionResult r = CompressionResult.of(coded, DeepCompressionHan.compressor().describe(), elapsed);
        double compressSeconds = elapsed / 1e9;
        long params = net.numParams();
        net = null; // NOPMD: let the fp32 network go before the artifact is read back
        Path artifact = out.resolve("vgg16-deep-compression-han.dlc");
        start = ticker.read();
        r.artifact().write(artifact, OuterCompression.NONE);
        double writeSeconds = (ticker.read() - start) / 1e9;
        long fileBytes = Files.size(artifact);
        long zstdBytes = r.artifact().toBytes(OuterCompression.ZSTD).length;
        EntropyBound bound = EntropyBound.of(r.state(), r.artifact(), fileBytes);
        start = ticker.read();
        String mismatch = checkRoundTrip(r, artifact);
        double readSeconds = (ticker.read() - start) / 1e9;
        Headline h = new Headline(bound, params, referenceBytes, zstdBytes, plainBytes, compressSeconds, writeSeconds,
                readSeconds, mismatch);
        String text = h.markdown();
        Files.writeString(out.resolve("headline.md"), text, StandardCharsets.UTF_8);
        System.out.println(text);
        boolean ok = mismatch == null && bound.overhead() <= MAX_OVERHEAD;
        System.out.printf(Locale.ROOT, "%s: artifact %d bytes = %.4f x its entropy bound %.0f bytes (limit %.2f)%n",
                ok ? "PASS" : "FAIL", fileBytes, bound.overhead(), bound.boundBytes(), MAX_OVERHEAD);
        return ok ? 0 : 1;
    }

    /** The weight tensors' blobs in the encodings a state holds, in bytes. */
    static long weightBlobBytes(CompressionState state) {
        long bytes = 0;
        for (TensorState t : state.tensors()) {
            if (TensorSelector.weights().test(t.info())) {
                bytes += t.encoder().encode(t.values()).length;
            }
        }
        return bytes;
    }

    /** Reads the artifact back from disk and compares every tensor with the values it was written from. */
    static String checkRoundTrip(CompressionResult r, Path artifact) throws Exception {
        float[] flat = CompressedModel.read(artifact).decodeParameters();
        for (TensorState t : r.state().tensors()) {
            float[] v = t.values().data();
            int off = (int) t.info().flatOffset();
            for (int i = 0; i < v.length; i++) {
                if (Float.floatToRawIntBits(v[i]) != Float.floatToRawIntBits(flat[off + i]) && v[i] != flat[off + i]) {
                    return t.name() + "[" + i + "] decodes to " + flat[off + i] + ", was written as " + v[i];
                }
            }
        }
        return null;
    }
}
