/**
 * The study's sweep: named compression {@link dev.compressor.examples.settings.Setting settings}, a
 * {@link dev.compressor.examples.study.SweepPlan plan} of networks times settings (shardable), one
 * {@link dev.compressor.examples.study.CellRecord record} per measured cell in an append-only JSONL
 * {@link dev.compressor.examples.study.ResultStore store} that a killed run resumes from, a
 * {@link dev.compressor.examples.study.SweepRunner runner} that measures each network in a child JVM,
 * a {@link dev.compressor.examples.study.StudyReport report} (Markdown and CSV) and the command line
 * {@link dev.compressor.examples.study.StudyCli}. The small tier
 * ({@link dev.compressor.examples.study.SmallTierPlan}, {@code study run --tier small}) measures the
 * trained small networks' top-1/top-5 accuracy on the Fashion-MNIST test split under each setting,
 * and the trained English-German translation model's corpus BLEU on German gettext catalogs
 * ({@code nmt}).
 */
package dev.compressor.examples.study;
