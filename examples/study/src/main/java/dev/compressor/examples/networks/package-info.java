/**
 * The study's eleven full-size networks built in DL4J 1.0.0-M2.1 with their canonical layer
 * structure and names, ImageNet shapes (NCHW, 3 channels, 1000 classes) and seeded weights:
 * Inception-v1 to v4, ResNet-50/101/152, VGG-16/19, MobileNet-v1 and an attention seq2seq
 * translation model. {@link dev.compressor.examples.networks.StudyNetwork} lists them;
 * {@link dev.compressor.examples.networks.ParameterCounts} counts parameters from a configuration
 * without allocating weights.
 */
package dev.compressor.examples.networks;
