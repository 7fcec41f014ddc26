package dev.compressor.api.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.compressor.api.Compressors;
import dev.compressor.api.testdata.TestNetworks;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing: random byte mutations, truncations and splices of valid artifacts (every outer
 * compression). Each case must either be rejected with {@link ArtifactException} or, when the
 * mutation left the bytes valid, restore the exact original parameters. Nothing else may escape.
 */
class ArtifactFuzzTest {

    private static final int CASES = 12_000;

    @Test
    void mutatedArtifactsOnlyEverFailWithArtifactException() throws Exception {
        CompressedModel a = Compressors.identity().compress(TestNetworks.smallMln(3)).artifact();
        CompressedModel b = Compressors.fp16().compress(TestNetworks.residualGraph(4)).artifact();
        OuterCompression[] cs = OuterCompression.values();
        byte[][] valid = new byte[cs.length * 2][];
        for (int i = 0; i < cs.length; i++) {
            valid[2 * i] = a.toBytes(cs[i]);
            valid[2 * i + 1] = b.toBytes(cs[i]);
        }
        SplittableRandom rnd = new SplittableRandom(20261128L);
        Map<ArtifactException.Problem, Integer> seen = new EnumMap<>(ArtifactException.Problem.class);
        int accepted = 0;
        for (int n = 0; n < CASES; n++) {
            byte[] base = valid[rnd.nextInt(valid.length)];
            byte[] bytes = mutate(base, valid[rnd.nextInt(valid.length)], rnd);
            try {
                CompressedModel m = CompressedModel.fromBytes(bytes, ReadLimits.DEFAULT);
                if (!Arrays.equals(bytes, base)) {
                    // a mutation that survives every checksum must at least decode consistently
                    m.decodeParameters();
                }
                accepted++;
            } catch (ArtifactException e) {
                seen.merge(e.problem(), 1, Integer::sum);
            } catch (Throwable t) {
                fail("case " + n + " escaped with " + t, t);
            }
        }
        int rejected = seen.values().stream().mapToInt(Integer::intValue).sum();
        assertEquals(CASES, rejected + accepted);
        assertTrue(rejected > CASES * 0.95, "most mutations are detected: " + seen + ", accepted " + accepted);
        System.out.println("fuzz: " + CASES + " cases, rejected by problem " + seen + ", unchanged/accepted " + accepted);
    }

    private static byte[] mutate(byte[] base, byte[] other, SplittableRandom rnd) {
        byte[] b = base.clone();
        switch (rnd.nextInt(5)) {
            case 0 -> { // flip random bits
                int flips = 1 + rnd.nextInt(4);
                for (int i = 0; i < flips; i++) {
                    int at = rnd.nextInt(b.length);
                    b[at] ^= (byte) (1 << rnd.nextInt(8));
                }
            }
            case 1 -> b = Arrays.copyOf(b, rnd.nextInt(b.length)); // truncate
            case 2 -> { // splice: prefix of one, suffix of another
                int cut = rnd.nextInt(Math.min(b.length, other.length));
                byte[] s = Arrays.copyOf(b, cut + other.length - cut);
                System.arraycopy(other, cut, s, cut, other.length - cut);
                b = s;
            }
            case 3 -> { // overwrite a run with random bytes
                int at = rnd.nextInt(b.length);
                int len = Math.min(b.length - at, 1 + rnd.nextInt(16));
                for (int i = 0; i < len; i++) {
                    b[at + i] = (byte) rnd.nextInt(256);
                }
            }
            default -> { // append garbage
                int extra = 1 + rnd.nextInt(64);
                b = Arrays.copyOf(b, b.length + extra);
                for (int i = base.length; i < b.length; i++) {
                    b[i] = (byte) rnd.nextInt(256);
                }
            }
        }
        return b;
    }
}
