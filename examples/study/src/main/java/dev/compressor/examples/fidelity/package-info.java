/**
 * Output fidelity of a compressed network to its fp32 original (largest and relative L2 difference
 * of the logits, top-1 and top-5 agreement, KL divergence of the softmax): measured by the study's
 * cells and by {@code advise} on unlabelled data. Depends on no other package of the study.
 */
package dev.compressor.examples.fidelity;
