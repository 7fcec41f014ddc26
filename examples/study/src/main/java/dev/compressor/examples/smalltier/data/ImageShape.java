package dev.compressor.examples.smalltier.data;

import java.util.Locale;

/**
 * The shape a network takes its images in: channels (1, grey, or 3, colour) by height by width, in
 * pixels. Immutable.
 *
 * @param channels 1 or 3
 * @param height pixels, at least 1
 * @param width pixels, at least 1
 */
public record ImageShape(int channels, int height, int width) {

    /** The largest side accepted, in pixels. */
    public static final int MAX_SIDE = 8192;

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if channels is not 1 or 3 or a side is not in [1, {@value #MAX_SIDE}]
     */
    public ImageShape {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("images need 1 (grey) or 3 (colour) channels, got " + channels);
        }
        if (height < 1 || width < 1 || height > MAX_SIDE || width > MAX_SIDE) {
            throw new IllegalArgumentException("image sides must be in [1, " + MAX_SIDE + "] pixels, got " + height
                    + "x" + width);
        }
    }

    /**
     * Parses {@code CxHxW}, e.g. {@code 3x224x224} or {@code 1x28x28}.
     *
     * @param text the text
     * @return the shape
     * @throws IllegalArgumentException if the text is not three whole numbers joined by {@code x}, or
     *     the values are out of range, naming the text
     */
    public static ImageShape parse(String text) {
        String[] p = text.trim().toLowerCase(Locale.ROOT).split("x", -1);
        if (p.length != 3) {
            throw new IllegalArgumentException("bad input shape '" + text + "': use CxHxW, e.g. 3x224x224 or 1x28x28");
        }
        try {
            return new ImageShape(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()),
                    Integer.parseInt(p[2].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad input shape '" + text + "': use CxHxW, e.g. 3x224x224 or 1x28x28");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad input shape '" + text + "': " + e.getMessage(), e);
        }
    }

    /**
     * The shape as {@code [channels, height, width]}.
     *
     * @return a new array
     */
    public int[] toArray() {
        return new int[] {channels, height, width};
    }

    /** Returns {@code CxHxW}. */
    @Override
    public String toString() {
        return channels + "x" + height + "x" + width;
    }
}
