/**
 * The study's sweep: named compression {@link dev.compressor.examples.study.Setting settings}, a
 * {@link dev.compressor.examples.study.SweepPlan plan} of networks times settings (shardable), one
 * {@link dev.compressor.examples.study.CellRecord record} per measured cell in an append-only JSONL
 * {@link dev.compressor.examples.study.ResultStore store} that a killed run resumes from, a
 * {@link dev.compressor.examples.study.SweepRunner runner} that measures each network in a child JVM,
 * a {@link dev.compressor.examples.study.StudyReport report} (Markdown and CSV) and the command line
 * {@link dev.compressor.examples.study.StudyCli}.
 */
package dev.compressor.examples.study;
