package dev.compressor.examples.study;

import dev.compressor.examples.fidelity.Fidelity;
import dev.compressor.examples.fidelity.FidelitySums;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The fp32 reference of a network's output fidelity, built once per network: the fp32 logits on
 * {@code count} real held-out inputs ({@link SweepNetwork#heldOutInputs}: Fashion-MNIST test images
 * outside the initialisation range, or seeded token sequences for the NMT model), run in batches of
 * {@value #BATCH}. {@link #compare} runs the same batches through a compressed (restored) network and
 * returns one {@link Fidelity} over all of them.
 *
 * <p>Cost: {@link #of} and each {@link #compare} run {@code count} inferences (in batches). Memory: the
 * reference logits on the Java heap, {@code count * classes * time * 4} bytes (256 images: 1 MB; 256
 * NMT sequences of 20 tokens over 32,000 classes: 655 MB); the inputs are rebuilt for each batch,
 * not kept.
 *
 * <p>Not thread-safe: the networks compared must not be used by another thread meanwhile.
 */
final class FidelityProbe {

    /** Number of real inputs the study measures fidelity on. */
    static final int DEFAULT_IMAGES = 256;

    /**
     * Examples per inference. One: ND4J's CPU backend (one OpenMP thread, as the study runs it) took
     * 190-350 ms per MobileNet-v1 image at batch 1 and 780-800 ms per image at batch 16.
     */
    static final int BATCH = 1;

    private final SweepNetwork network;
    private final long seed;
    private final int count;
    private final List<float[]> reference;
    private final List<long[]> shapes;

    private FidelityProbe(SweepNetwork network, long seed, int count, List<float[]> reference, List<long[]> shapes) {
        this.network = network;
        this.seed = seed;
        this.count = count;
        this.reference = reference;
        this.shapes = shapes;
    }

    /**
     * Computes and keeps the fp32 reference logits.
     *
     * @param fp32 the fp32 network (unchanged)
     * @param network what {@code fp32} was built from; supplies the inputs
     * @param seed picks the held-out inputs (the study's seed)
     * @param count number of inputs (positive), e.g. {@link #DEFAULT_IMAGES}
     * @return the probe
     * @throws IllegalArgumentException if {@code count} is not positive
     */
    static FidelityProbe of(ComputationGraph fp32, SweepNetwork network, long seed, int count) {
        Objects.requireNonNull(fp32, "fp32");
        Objects.requireNonNull(network, "network");
        if (count < 1) {
            throw new IllegalArgumentException("fidelity needs at least one input, got count " + count);
        }
        List<float[]> reference = new ArrayList<>();
        List<long[]> shapes = new ArrayList<>();
        for (int first = 0; first < count; first += BATCH) {
            INDArray y = Logits.of(fp32, network.heldOutInputs(seed, first, Math.min(BATCH, count - first)));
            reference.add(floats(y));
            shapes.add(y.shape());
        }
        return new FidelityProbe(network, seed, count, List.copyOf(reference), List.copyOf(shapes));
    }

    /**
     * Runs the same inputs through another network and compares its logits with the reference.
     *
     * @param restored e.g. the compressed network restored from its artifact (unchanged)
     * @return the fidelity over all {@link #count()} inputs
     * @throws IllegalArgumentException if its outputs do not have the reference's shape
     */
    Fidelity compare(ComputationGraph restored) {
        Objects.requireNonNull(restored, "restored");
        FidelitySums sums = new FidelitySums();
        for (int i = 0, first = 0; first < count; i++, first += BATCH) {
            INDArray y = Logits.of(restored, network.heldOutInputs(seed, first, Math.min(BATCH, count - first)));
            if (!Arrays.equals(y.shape(), shapes.get(i))) {
                throw new IllegalArgumentException("output shape " + Arrays.toString(y.shape())
                        + " differs from the reference's " + Arrays.toString(shapes.get(i)));
            }
            sums.add(reference.get(i), floats(y), shapes.get(i));
        }
        return sums.result();
    }

    /** The elements in C order. */
    private static float[] floats(INDArray y) {
        return (y.ordering() == 'c' && !y.isView() ? y : y.dup('c')).data().asFloat();
    }

    /** Returns the number of inputs compared. */
    int count() {
        return count;
    }
}
