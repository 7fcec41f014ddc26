package dev.compressor.examples;

import dev.compressor.api.training.FineTuningBudget;
import dev.compressor.api.TensorReport;
import dev.compressor.prune.FineTuned;
import dev.compressor.prune.FineTunedPruning;
import dev.compressor.prune.FineTuningSpent;
import dev.compressor.prune.Pruning;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Example: prune my network to 90 % and fine-tune it. Setting 90 % of a trained network's weights to
 * zero at once ruins it; {@link FineTunedPruning} raises the sparsity step by step while training on
 * your data, holds the zeros through every update and recomputes the batch-norm statistics, within
 * a budget of epochs and wall time. Real Fashion-MNIST images here.
 *
 * <p>Run: {@code mvn -B -q -pl examples exec:java -Dexamples.main=dev.compressor.examples.PruneAndFineTune}
 */
public final class PruneAndFineTune {

    /** What the example found: top-1 accuracy trained, pruned at once, pruned with fine-tuning; the cost. */
    public record Result(double trained, double oneShot, double fineTuned, double sparsity, FineTuningSpent spent) {
    }

    private PruneAndFineTune() {
    }

    /** @param args none */
    public static void main(String[] args) {
        run(System.out);
    }

    /**
     * Runs the example.
     *
     * @param out where to print
     * @return what it found
     */
    public static Result run(PrintStream out) {
        DataSetIterator train = new ListDataSetIterator<>(ExampleData.fashionMnist(true, 3000).batchBy(64), 1);
        DataSet test = ExampleData.fashionMnist(false, 1000);
        MultiLayerNetwork network = ExampleNetworks.smallCnn(42);     // stands in for your trained network:
        network.setLearningRate(0.05);                                  // its SGD, trained one epoch here
        network.fit(train, 1);

        Model oneShot = Pruning.magnitude(0.9).compress(network).network();
        FineTuned fineTuned = FineTunedPruning.unstructured(0.9)       // 90 % of every weight tensor
                .budget(FineTuningBudget.epochs(1).orWallTime(Duration.ofMinutes(1)))   // whichever ends first
                .fineTune(network, train);                              // network itself is not changed

        List<TensorReport> weights = fineTuned.compression().report().tensors().stream()
                .filter(t -> t.name().endsWith("_W")).toList();              // the pruned tensors
        double sparsity = weights.stream().mapToLong(t -> t.parameters() - t.nonZeros()).sum()
                / (double) weights.stream().mapToLong(TensorReport::parameters).sum();
        Result r = new Result(accuracy(network, test), accuracy(oneShot, test), accuracy(fineTuned.network(), test),
                sparsity, fineTuned.spent());
        out.printf("top-1 on 1,000 test images: trained %.3f, 90 %% pruned at once %.3f, fine-tuned %.3f%n",
                r.trained(), r.oneShot(), r.fineTuned());
        out.printf("zero weights: %.1f %%; fine-tuning took %s%n", 100 * r.sparsity(), r.spent());
        return r;
    }

    private static double accuracy(Model network, DataSet test) {
        return ExampleNetworks.top1Agreement(((MultiLayerNetwork) network).output(test.getFeatures()),
                test.getLabels());
    }
}
