package dev.compressor.quant.internal;

import java.util.Locale;
import java.util.Objects;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * An activation function that applies another one and then rounds its output onto a linear grid
 * (simulated, "fake" quantization): {@code (clamp(round(a / scale), -zeroPoint, maxCode - zeroPoint)) * scale}.
 * Backpropagation passes gradients straight through. Serialised by DL4J's JSON configuration
 * (fields and a no-argument constructor), so a network using it restores wherever this module is
 * on the class path. Immutable once constructed; thread-safe.
 */
public final class FakeQuantActivation extends BaseActivationFunction {

    private static final long serialVersionUID = 1L;

    private IActivation inner;
    private float scale;
    private int zeroPoint;
    private int maxCode;

    /** For JSON deserialisation only. */
    public FakeQuantActivation() {
    }

    /**
     * Creates the activation.
     *
     * @param inner the activation applied first
     * @param scale grid step, positive and finite
     * @param zeroPoint code of zero, in {@code [0, maxCode]}
     * @param maxCode largest code
     * @throws IllegalArgumentException if the grid is invalid
     */
    public FakeQuantActivation(IActivation inner, float scale, int zeroPoint, int maxCode) {
        this.inner = Objects.requireNonNull(inner, "inner");
        if (!(scale > 0) || Float.isInfinite(scale) || zeroPoint < 0 || zeroPoint > maxCode) {
            throw new IllegalArgumentException("invalid grid: scale " + scale + ", zero point " + zeroPoint
                    + ", max code " + maxCode);
        }
        this.scale = scale;
        this.zeroPoint = zeroPoint;
        this.maxCode = maxCode;
    }

    /** The activation applied before rounding. @return the inner activation */
    public IActivation inner() {
        return inner;
    }

    /** The grid step. @return the scale */
    public float scale() {
        return scale;
    }

    /** The code of zero. @return the zero point */
    public int zeroPoint() {
        return zeroPoint;
    }

    /** The largest code. @return the largest code */
    public int maxCode() {
        return maxCode;
    }

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        INDArray a = inner.getActivation(in, training);
        a.muli(1.0 / scale);
        Transforms.round(a, false);
        Transforms.max(a, -zeroPoint, false);
        Transforms.min(a, maxCode - zeroPoint, false);
        a.muli(scale);
        return a;
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        return inner.backprop(in, epsilon);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FakeQuantActivation f && f.inner.equals(inner) && f.scale == scale
                && f.zeroPoint == zeroPoint && f.maxCode == maxCode;
    }

    @Override
    public int hashCode() {
        return Objects.hash(inner, scale, zeroPoint, maxCode);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "fakequant(%s, scale=%g, zp=%d, max=%d)", inner, scale, zeroPoint, maxCode);
    }
}
