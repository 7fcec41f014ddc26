package dev.compressor.examples.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FidelityTest {

    @Test
    void identicalOutputsAreExact() {
        float[] y = {0.1f, 0.7f, 0.2f};
        assertEquals(new Fidelity(0, 0, 1, 1, 0, 1), Fidelity.compare(y, y.clone(), new long[] {1, 3}));
    }

    @Test
    void differencesAndArgmaxPerTimeStep() {
        // shape [1, 2 classes, 3 steps], C order: class-major rows
        float[] ref = {1, 0, 3, 0, 1, 0};
        float[] act = {1, 2, 3, 0, 1, 0};
        Fidelity f = Fidelity.compare(ref, act, new long[] {1, 2, 3});
        assertEquals(2.0, f.maxAbsDiff(), 1e-12);
        assertEquals(Math.sqrt(4.0 / 11.0), f.relativeL2(), 1e-12);
        assertEquals(2.0 / 3.0, f.top1Agreement(), 1e-12);
        assertEquals(1.0, f.top5Agreement(), "two classes: the reference's class is always among the top 5");
        // only step 1 differs: reference logits (0, 1), actual (2, 1);
        // KL = sum p (r - a) - lse(r) + lse(a) = -2 / (1 + e) - log(1 + e) + 1 + log(1 + e)
        assertEquals((1 - 2 / (1 + Math.E)) / 3, f.klDivergence(), 1e-12);
        assertEquals(3, f.positions());
    }

    @Test
    void klDivergenceOfTheSoftmaxesInClosedForm() {
        // a permutation of the same logits: the log-sum-exps cancel, KL = sum p_i (r_i - a_i) = 2 (p0 - p2)
        Fidelity f = Fidelity.compare(new float[] {2, 1, 0}, new float[] {0, 1, 2}, new long[] {1, 3});
        double z = Math.exp(2) + Math.E + 1;
        assertEquals(2 * (Math.exp(2) - 1) / z, f.klDivergence(), 1e-12);
        assertEquals(0.0, f.top1Agreement());
        // uniform reference against q = softmax(ln 3, 0, 0, 0) = (1/2, 1/6, 1/6, 1/6):
        // KL = (1/4) (ln(1/4 / 1/2) + 3 ln(1/4 / 1/6)) = (1/4) ln(1/2) + (3/4) ln(3/2)
        Fidelity g = Fidelity.compare(new float[4], new float[] {(float) Math.log(3), 0, 0, 0}, new long[] {1, 4});
        assertEquals(0.25 * Math.log(0.5) + 0.75 * Math.log(1.5), g.klDivergence(), 1e-7);
        // batch of two: the mean over positions
        Fidelity both = Fidelity.compare(new float[] {2, 1, 0, 0, 0, 0}, new float[] {0, 1, 2, 0, 0, 0},
                new long[] {2, 3});
        assertEquals(f.klDivergence() / 2, both.klDivergence(), 1e-12);
        assertEquals(2, both.positions());
    }

    @Test
    void topFiveAgreementCountsTheReferenceClassAmongTheFiveHighest() {
        // 3 examples, 7 classes; the reference's arg-max is class 6 in each
        float[] ref = {
            0, 0, 0, 0, 0, 0, 1,
            0, 0, 0, 0, 0, 0, 1,
            0, 0, 0, 0, 0, 0, 1,
        };
        float[] act = {
            6, 5, 4, 3, 2, 1, 0,  // class 6 ranks seventh: outside the top 5
            6, 5, 4, 3, 0, 0, 1,  // four classes above it: fifth, inside
            1, 1, 1, 1, 1, 1, 1,  // all tied: ties go to the lower index, so class 6 ranks seventh
        };
        Fidelity f = Fidelity.compare(ref, act, new long[] {3, 7});
        assertEquals(1.0 / 3, f.top5Agreement(), 1e-12);
        assertEquals(0.0, f.top1Agreement());
        assertEquals(3, f.positions());
        assertTrue(f.klDivergence() > 0);
    }

    @Test
    void topFiveAgreementPerTimeStep() {
        // shape [1, 6 classes, 2 steps]: at step 0 the reference's arg-max (class 5) ranks sixth in the
        // actual output, at step 1 its arg-max (class 0) ranks first
        float[] ref = {0, 9, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0};
        float[] act = {5, 9, 4, 0, 3, 0, 2, 0, 1, 0, 0, 0};
        Fidelity f = Fidelity.compare(ref, act, new long[] {1, 6, 2});
        assertEquals(0.5, f.top5Agreement(), 1e-12);
        assertEquals(0.5, f.top1Agreement(), 1e-12);
        assertEquals(2, f.positions());
    }

    @Test
    void batchesAddUpToOneComparison() {
        float[] ref = {2, 1, 0, 0.5f, -1, 3};
        float[] act = {1, 1, 0.5f, 0.5f, 2, 3};
        Fidelity whole = Fidelity.compare(ref, act, new long[] {2, 3});
        FidelitySums sums = new FidelitySums();
        sums.add(new float[] {2, 1, 0}, new float[] {1, 1, 0.5f}, new long[] {1, 3});
        sums.add(new float[] {0.5f, -1, 3}, new float[] {0.5f, 2, 3}, new long[] {1, 3});
        Fidelity parts = sums.result();
        assertEquals(whole.maxAbsDiff(), parts.maxAbsDiff());
        assertEquals(whole.relativeL2(), parts.relativeL2(), 1e-15);
        assertEquals(whole.top1Agreement(), parts.top1Agreement());
        assertEquals(whole.top5Agreement(), parts.top5Agreement());
        assertEquals(whole.klDivergence(), parts.klDivergence(), 1e-15);
        assertEquals(2, parts.positions());
    }

    @Test
    void threeMeasureConstructorMarksTheOthersUnmeasured() {
        Fidelity f = new Fidelity(1e-3, 2e-4, 1.0);
        assertTrue(Double.isNaN(f.top5Agreement()));
        assertTrue(Double.isNaN(f.klDivergence()));
        assertEquals(-1, f.positions());
    }

    @Test
    void mismatchedShapesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Fidelity.compare(new float[2], new float[3], new long[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> Fidelity.compare(new float[2], new float[2], new long[] {1, 3}));
        assertThrows(IllegalArgumentException.class, () -> Fidelity.compare(new float[2], new float[2], new long[] {2}));
    }
}
