package dev.compressor.prune.sparse;

/** The two sparse index formats. */
enum SparseFormat {
    /** One bit per element. */
    BITMASK("sparse-bitmask", "bitmask"),
    /** Gaps between kept elements in k-bit codes, with skip codes for long gaps (Deep Compression). */
    RELATIVE_INDEX("sparse-relative-index", "relative-index");

    final String id;
    final String label;

    SparseFormat(String id, String label) {
        this.id = id;
        this.label = label;
    }
}
