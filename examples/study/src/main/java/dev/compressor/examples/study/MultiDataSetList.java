package dev.compressor.examples.study;

import java.util.List;
import java.util.NoSuchElementException;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * Minibatches held in memory, served in their order again after every {@link #reset()}: the
 * fine-tuned cells' training data (DL4J 1.0.0-M2.1 has no resettable list-backed
 * {@code MultiDataSetIterator}). A preprocessor, if set, is applied to each minibatch as it is served.
 * Not thread-safe.
 */
final class MultiDataSetList implements MultiDataSetIterator {

    private static final long serialVersionUID = 1L;

    private final List<MultiDataSet> batches;
    private transient MultiDataSetPreProcessor preProcessor;
    private int next;

    /**
     * Serves these minibatches.
     *
     * @param batches the minibatches, at least one; the list is copied, the minibatches are not
     * @throws IllegalArgumentException if the list is empty
     */
    MultiDataSetList(List<? extends MultiDataSet> batches) {
        if (batches.isEmpty()) {
            throw new IllegalArgumentException("no minibatches to serve");
        }
        this.batches = List.copyOf(batches);
    }

    @Override
    public boolean hasNext() {
        return next < batches.size();
    }

    @Override
    public MultiDataSet next() {
        if (!hasNext()) {
            throw new NoSuchElementException("all " + batches.size() + " minibatches served; call reset()");
        }
        MultiDataSet m = batches.get(next++);
        if (preProcessor != null) {
            preProcessor.preProcess(m);
        }
        return m;
    }

    /**
     * Serves the next minibatch whole: held minibatches are not split or merged.
     *
     * @param num ignored
     * @return the next minibatch
     */
    @Override
    public MultiDataSet next(int num) {
        return next();
    }

    @Override
    public void setPreProcessor(MultiDataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public MultiDataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return false;
    }

    @Override
    public void reset() {
        next = 0;
    }
}
