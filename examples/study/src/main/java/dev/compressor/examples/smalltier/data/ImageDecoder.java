package dev.compressor.examples.smalltier.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes one PNG or JPEG file strictly with {@code javax.imageio} into 8-bit pixels of a given
 * shape. A decoder warning (a truncated JPEG decodes with a warning and grey filling) counts as an
 * error. Grey images are read from their samples (not through sRGB); colour images are reduced to
 * grey with the luma weights 0.299, 0.587, 0.114 (as OpenCV does) and grey images are repeated over
 * three channels. An image of another size is resized bilinearly (pixel centres aligned, as OpenCV's
 * {@code INTER_LINEAR}). Stateless and thread-safe.
 */
public final class ImageDecoder {

    private ImageDecoder() {
    }

    /**
     * Decodes an image file.
     *
     * @param file a PNG or JPEG file
     * @param shape the channels and size wanted
     * @param bgr true for channel order B,G,R, false for R,G,B (ignored for one channel)
     * @return {@code channels * height * width} values, channel-major
     * @throws IllegalArgumentException if the file cannot be read or decoded, or decodes with a
     *     warning, naming the file and the decoder's reason
     */
    public static byte[] decode(Path file, ImageShape shape, boolean bgr) {
        BufferedImage img = read(file);
        int w = img.getWidth();
        int h = img.getHeight();
        byte[][] planes = planes(img, shape.channels());
        byte[] out = new byte[shape.channels() * shape.height() * shape.width()];
        int plane = shape.height() * shape.width();
        for (int c = 0; c < shape.channels(); c++) {
            int src = bgr && shape.channels() == 3 ? 2 - c : c;
            byte[] p = w == shape.width() && h == shape.height() ? planes[src]
                    : resize(planes[src], h, w, shape.height(), shape.width());
            System.arraycopy(p, 0, out, c * plane, plane);
        }
        return out;
    }

    private static BufferedImage read(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new IllegalArgumentException(file + ": cannot be opened");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IllegalArgumentException(file + ": not an image (no PNG or JPEG decoder recognises its "
                        + "content)");
            }
            ImageReader reader = readers.next();
            List<String> warnings = new ArrayList<>();
            BufferedImage img;
            try {
                reader.setInput(in, true, true);
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                img = reader.read(0);
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException(file + ": damaged image, cannot be decoded (" + reason(e) + ")", e);
            } finally {
                reader.dispose();
            }
            if (!warnings.isEmpty()) {
                throw new IllegalArgumentException(file + ": damaged image (" + warnings.get(0) + ")");
            }
            return img;
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read (" + reason(e) + ")", e);
        }
    }

    private static String reason(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The image as {@code channels} planes of 8-bit values, R,G,B order for colour. */
    private static byte[][] planes(BufferedImage img, int channels) {
        int w = img.getWidth();
        int h = img.getHeight();
        Raster r = img.getRaster();
        boolean grey = img.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY;
        byte[][] out = new byte[channels][w * h];
        if (grey) {
            int shift = Math.max(0, img.getColorModel().getComponentSize(0) - 8);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    byte v = (byte) (r.getSample(x, y, 0) >>> shift);
                    for (int c = 0; c < channels; c++) {
                        out[c][y * w + x] = v;
                    }
                }
            }
            return out;
        }
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < argb.length; i++) {
            int red = (argb[i] >> 16) & 0xff;
            int green = (argb[i] >> 8) & 0xff;
            int blue = argb[i] & 0xff;
            if (channels == 1) {
                out[0][i] = (byte) Math.round(0.299 * red + 0.587 * green + 0.114 * blue);
            } else {
                out[0][i] = (byte) red;
                out[1][i] = (byte) green;
                out[2][i] = (byte) blue;
            }
        }
        return out;
    }

    /** Bilinear resampling of one plane, pixel centres aligned, edges clamped. */
    static byte[] resize(byte[] src, int h, int w, int outH, int outW) {
        byte[] out = new byte[outH * outW];
        double sy = (double) h / outH;
        double sx = (double) w / outW;
        for (int y = 0; y < outH; y++) {
            double fy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), h - 1);
            int y0 = (int) fy;
            int y1 = Math.min(y0 + 1, h - 1);
            double dy = fy - y0;
            for (int x = 0; x < outW; x++) {
                double fx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), w - 1);
                int x0 = (int) fx;
                int x1 = Math.min(x0 + 1, w - 1);
                double dx = fx - x0;
                double top = (src[y0 * w + x0] & 0xff) * (1 - dx) + (src[y0 * w + x1] & 0xff) * dx;
                double bottom = (src[y1 * w + x0] & 0xff) * (1 - dx) + (src[y1 * w + x1] & 0xff) * dx;
                out[y * outW + x] = (byte) Math.round(top * (1 - dy) + bottom * dy);
            }
        }
        return out;
    }
}
