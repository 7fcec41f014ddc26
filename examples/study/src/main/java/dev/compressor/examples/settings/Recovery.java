package dev.compressor.examples.settings;

/**
 * How a setting's network gets back what compression cost it, the three columns of the small tier's
 * recovery table: compressed once and used as is, compressed with its batch-norm statistics
 * recomputed on unlabelled training images (no training), or trained back on labelled training data
 * within a budget (pruning with fine-tuning, quantization-aware training, retrained weight sharing).
 */
public enum Recovery {

    /** Compressed once, nothing recovered. */
    ONE_SHOT("one-shot"),
    /** Compressed, then batch-norm running statistics recomputed from unlabelled inputs. */
    RECALIBRATED("recalibrated"),
    /** Compressed during or after training on labelled data within a budget. */
    FINE_TUNED("fine-tuned");

    private final String label;

    Recovery(String label) {
        this.label = label;
    }

    /** Returns the column heading, e.g. {@code fine-tuned}. */
    public String label() {
        return label;
    }
}
