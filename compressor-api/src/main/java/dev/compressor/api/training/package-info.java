/**
 * Fine-tuning on the caller's data within a budget: {@link dev.compressor.api.training.FineTuningBudget}
 * (epochs, wall time or both) and {@link dev.compressor.api.training.BudgetedTraining}, the one
 * training loop that pruning with fine-tuning, quantization-aware training and retrained weight
 * sharing all run on.
 */
package dev.compressor.api.training;
