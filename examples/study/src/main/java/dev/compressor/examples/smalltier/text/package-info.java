/**
 * English-German parallel text for the small-tier translation model: a parser for GNU gettext
 * {@code .mo} catalogs ({@link dev.compressor.examples.smalltier.text.MoCatalog}), sentence-pair
 * extraction with placeholder/markup filtering, deduplication and a fixed train/test split
 * ({@link dev.compressor.examples.smalltier.text.ParallelCorpus}), the 13a tokenizer and corpus
 * BLEU computed as sacreBLEU does ({@link dev.compressor.examples.smalltier.text.Bleu}).
 */
package dev.compressor.examples.smalltier.text;
