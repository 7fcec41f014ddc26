package dev.compressor.examples.smalltier.data;

import java.util.Arrays;
import java.util.Locale;

/**
 * How 8-bit pixel values become a network's input values: scaled to {@code [0, 1]} (divided by 255)
 * or kept in {@code [0, 255]}, then optionally normalised per channel, {@code (x - mean) / std}, with
 * mean and std given in R,G,B order (one value for grey images) in the scaled units; and the order of
 * the colour channels in the input, RGB or BGR. DataVec's {@code ImageRecordReader} (OpenCV) gives
 * BGR in {@code [0, 255]}; torchvision gives RGB in {@code [0, 1]} and normalises per channel.
 * Immutable (arrays are copied).
 *
 * @param max255 true to keep values in {@code [0, 255]}, false to scale them to {@code [0, 1]}
 * @param mean per-channel means in R,G,B (or grey) order, or null for no normalisation
 * @param std per-channel standard deviations, positive, or null with {@code mean}
 * @param bgr true for channel order B,G,R in the input, false for R,G,B
 */
public record PixelScaling(boolean max255, float[] mean, float[] std, boolean bgr) {

    /** Values in {@code [0, 1]}, RGB, no normalisation: what the committed Fashion-MNIST data gives. */
    public static final PixelScaling UNIT = new PixelScaling(false, null, null, false);

    /**
     * Copies and checks the arrays.
     *
     * @throws IllegalArgumentException if only one of mean and std is given, their lengths differ or
     *     are not 1 or 3, or a std is not a positive finite number, or a mean is not finite
     */
    public PixelScaling {
        if ((mean == null) != (std == null)) {
            throw new IllegalArgumentException("give --mean and --std together (one value per channel), got "
                    + (mean == null ? "only --std" : "only --mean"));
        }
        if (mean != null) {
            mean = mean.clone();
            std = std.clone();
            if (mean.length != std.length || (mean.length != 1 && mean.length != 3)) {
                throw new IllegalArgumentException("--mean and --std need one value per channel (1 or 3), got "
                        + mean.length + " and " + std.length);
            }
            for (int c = 0; c < mean.length; c++) {
                if (!Float.isFinite(mean[c]) || !(std[c] > 0) || !Float.isFinite(std[c])) {
                    throw new IllegalArgumentException("means must be finite and stds positive, got mean "
                            + Arrays.toString(mean) + ", std " + Arrays.toString(std));
                }
            }
        }
    }

    /**
     * Parses the {@code --scale} value: {@code 0-1} or {@code 0-255}.
     *
     * @param text the value
     * @return true for {@code 0-255}
     * @throws IllegalArgumentException for any other value, naming it
     */
    public static boolean parseMax255(String text) {
        return switch (text.trim()) {
            case "0-1" -> false;
            case "0-255" -> true;
            default -> throw new IllegalArgumentException("bad --scale '" + text + "': use 0-1 (pixels / 255) or 0-255");
        };
    }

    /**
     * Parses comma-separated numbers, e.g. {@code 0.485,0.456,0.406}.
     *
     * @param option the option's name, for messages
     * @param text the values
     * @return the numbers
     * @throws IllegalArgumentException if one is not a number, naming it
     */
    public static float[] parseValues(String option, String text) {
        String[] p = text.split(",", -1);
        float[] v = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            try {
                v[i] = Float.parseFloat(p[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " '" + text + "': '" + p[i].trim() + "' is not a number");
            }
        }
        return v;
    }

    /**
     * Checks that the normalisation fits images of this many channels.
     *
     * @param channels 1 or 3
     * @throws IllegalArgumentException if mean and std do not have one value per channel
     */
    public void checkChannels(int channels) {
        if (mean != null && mean.length != channels) {
            throw new IllegalArgumentException("--mean and --std have " + mean.length + " values but the images have "
                    + channels + " channel" + (channels == 1 ? "" : "s"));
        }
    }

    /**
     * Writes pixels as input values.
     *
     * @param pixels 8-bit values, {@code [n, channels, h, w]} in the input's channel order
     * @param channels 1 or 3
     * @param plane pixels per channel of one image, {@code h * w}
     * @param out where the values go, same length
     */
    public void apply(byte[] pixels, int channels, int plane, float[] out) {
        float unit = max255 ? 1f : 255f;
        for (int i = 0; i < pixels.length; i++) {
            float x = (pixels[i] & 0xff) / unit;
            if (mean != null) {
                int c = (i / plane) % channels;
                int rgb = bgr && channels == 3 ? 2 - c : c;
                x = (x - mean[rgb]) / std[rgb];
            }
            out[i] = x;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PixelScaling p && p.max255 == max255 && p.bgr == bgr && Arrays.equals(p.mean, mean)
                && Arrays.equals(p.std, std);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(mean) * 31 + Arrays.hashCode(std) + (max255 ? 2 : 0) + (bgr ? 1 : 0);
    }

    /** Returns e.g. {@code "RGB, [0, 1], mean [0.485, 0.456, 0.406], std [0.229, 0.224, 0.225]"}. */
    @Override
    public String toString() {
        return describe(3);
    }

    /**
     * The scaling in words for images of this many channels (no channel order for grey).
     *
     * @param channels 1 or 3
     * @return e.g. {@code "grey, [0, 1]"} or {@code "BGR, [0, 255]"}
     */
    public String describe(int channels) {
        String s = (channels == 1 ? "grey" : bgr ? "BGR" : "RGB") + ", " + (max255 ? "[0, 255]" : "[0, 1]");
        return mean == null ? s : s + String.format(Locale.ROOT, ", mean %s, std %s", Arrays.toString(mean),
                Arrays.toString(std));
    }
}
