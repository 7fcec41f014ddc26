/**
 * The study's small tier: networks of every family small enough to train on two CPU cores, trained
 * on real data (Fashion-MNIST images, English-German gettext sentence pairs), so that the accuracy
 * of every compression setting can be measured. Sub-packages: {@code data} (Fashion-MNIST IDX
 * reader), {@code text} (.mo catalog parser, parallel corpus, 13a tokenizer, corpus BLEU) and
 * {@code image} (the small image networks, their trainer and accuracy evaluation).
 */
package dev.compressor.examples.smalltier;
