package dev.compressor.quant.bench;

import dev.compressor.api.CompressionResult;
import dev.compressor.api.artifact.CompressedModel;
import dev.compressor.api.testdata.FashionMnist;
import dev.compressor.quant.Quantization;
import dev.compressor.quant.QuantizationAwareTraining;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Quantization-aware training against post-training quantization on real data: a small CNN and an
 * MLP trained on the Fashion-MNIST subset (10,000 training images), then int4 and int2 per-channel
 * weights, post-training and after QAT fine-tuning from the fp32 weights, with an fp32 network
 * fine-tuned for the same epochs as the control. Top-1 of each restored artifact on the 2,000 test
 * images; wall time of each fine-tuning.
 *
 * <p>Arguments: fp32 training epochs (default 3), fine-tuning epochs (default 1).
 */
public final class QatFashionMnist {

    private QatFashionMnist() {
    }

    /**
     * Runs the comparison and prints one line per setting.
     *
     * @param args fp32 epochs, fine-tuning epochs
     * @throws Exception if an artifact cannot be written or read
     */
    public static void main(String[] args) throws Exception {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int tune = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        Path dir = Files.createTempDirectory("qat-bench");
        for (String arch : new String[] {"cnn", "mlp"}) {
            MultiLayerNetwork fp32 = build(arch, 1e-3);
            long t0 = System.nanoTime();
            fp32.fit(FashionMnist.train().iterator(64), epochs);
            print(arch, "fp32 (" + epochs + " epochs)", accuracy(fp32), System.nanoTime() - t0);
            MultiLayerNetwork control = tuned(fp32, arch);
            t0 = System.nanoTime();
            control.fit(FashionMnist.train().iterator(64), tune);
            print(arch, "fp32 + " + tune + " fine-tuning epoch(s) (control)", accuracy(control),
                    System.nanoTime() - t0);
            for (int bits : new int[] {4, 2}) {
                CompressionResult ptq = Quantization.linear(bits).perChannel().build().compress(fp32);
                print(arch, "int" + bits + " post-training", accuracy(restore(ptq, dir)), 0);
                MultiLayerNetwork net = tuned(fp32, arch);
                QuantizationAwareTraining qat = QuantizationAwareTraining.builder(bits).build();
                qat.prepare(net);
                print(arch, "int" + bits + " QAT before fine-tuning", accuracy(net), 0);
                t0 = System.nanoTime();
                net.fit(FashionMnist.train().iterator(64), tune);
                long nanos = System.nanoTime() - t0;
                print(arch, "int" + bits + " QAT, " + tune + " epoch(s)", accuracy(restore(qat.compress(net), dir)),
                        nanos);
            }
        }
    }

    private static MultiLayerNetwork build(String arch, double lr) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(42).updater(new Adam(lr))
                .weightInit(WeightInit.XAVIER).list();
        if (arch.equals("cnn")) {
            b.layer(new ConvolutionLayer.Builder(3, 3).name("conv1").nOut(16).activation(Activation.RELU).build())
                    .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                            .build())
                    .layer(new ConvolutionLayer.Builder(3, 3).name("conv2").nOut(32).activation(Activation.RELU)
                            .build())
                    .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                            .build())
                    .layer(new DenseLayer.Builder().name("fc").nOut(64).activation(Activation.RELU).build());
        } else {
            b.layer(new DenseLayer.Builder().name("hidden").nOut(256).activation(Activation.RELU).build());
        }
        MultiLayerConfiguration conf = b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out")
                .nOut(FashionMnist.CLASSES).activation(Activation.SOFTMAX).build())
                .setInputType(arch.equals("cnn") ? InputType.convolutionalFlat(28, 28, 1)
                        : InputType.feedForward(FashionMnist.PIXELS))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** A copy of the trained network with a fresh, smaller-step optimiser for fine-tuning. */
    private static MultiLayerNetwork tuned(MultiLayerNetwork trained, String arch) {
        MultiLayerNetwork net = build(arch, 3e-4);
        net.setParams(trained.params().dup());
        return net;
    }

    private static Model restore(CompressionResult r, Path dir) throws Exception {
        Path f = dir.resolve("m.cmz");
        r.artifact().write(f);
        return CompressedModel.read(f).restore();
    }

    private static double accuracy(Model m) {
        INDArray out = ((MultiLayerNetwork) m).output(FashionMnist.test().features());
        INDArray pred = out.argMax(1);
        int[] y = FashionMnist.test().labels();
        int correct = 0;
        for (int i = 0; i < y.length; i++) {
            correct += pred.getInt(i) == y[i] ? 1 : 0;
        }
        return correct / (double) y.length;
    }

    private static void print(String arch, String setting, double top1, long nanos) {
        System.out.printf(Locale.ROOT, "%-4s %-44s top-1 %.4f%s%n", arch, setting, top1,
                nanos > 0 ? String.format(Locale.ROOT, "  (%.1f s)", nanos / 1e9) : "");
    }
}
