package dev.compressor.quant.bench;

/**
 * Runs every benchmark of this module in one JVM, side by side: {@link CodecBenchmark} (arraycopy,
 * ND4J chain, Java loop, int8 per-channel encode and decode, 5-bit k-means of VGG-16's largest
 * layer) and {@link ResidentBenchmark} (resident-quantized versus dequantize-at-load on ResNet-50
 * and VGG-16). The command is in docs/benchmarks.md.
 */
public final class QuantBenchmarks {

    private QuantBenchmarks() {
    }

    /**
     * Runs the benchmarks.
     *
     * @param args ignored
     * @throws Exception if a benchmark fails
     */
    public static void main(String[] args) throws Exception {
        CodecBenchmark.main(new String[0]);
        System.gc();
        ResidentBenchmark.main(new String[0]);
    }
}
