package dev.compressor.api.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.Compressors;
import dev.compressor.api.artifact.ArtifactException.Problem;
import dev.compressor.api.encoding.TensorEncoding;
import dev.compressor.api.encoding.TensorEncodings;
import dev.compressor.api.encoding.internal.DenseEncoding;
import dev.compressor.api.testdata.TestNetworks;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a restore needs beyond compressor-api is recorded in the manifest and named when missing. */
class RequirementsTest {

    private static final String DIRECT = "dev.compressor.prune.structured.DirectPointwiseConvolution";

    /** The artifact of a small network, its configuration's dense layer class renamed. */
    private static CompressedModel withLayerClass(String className) {
        CompressedModel plain = Compressors.identity().compress(TestNetworks.smallMln(3)).artifact();
        String config = plain.configJson().replace("org.deeplearning4j.nn.conf.layers.DenseLayer", className);
        return rebuilt(plain, config, plain.provenance());
    }

    private static CompressedModel rebuilt(CompressedModel m, String config, Provenance provenance) {
        List<CompressedModel.EncodingRef> refs = new ArrayList<>();
        List<byte[]> blobs = new ArrayList<>();
        for (int i = 0; i < m.tensors().size(); i++) {
            ArtifactTensor t = m.tensors().get(i);
            refs.add(new CompressedModel.EncodingRef(t.encodingId(), t.encodingVersion(), t.encodingDescription()));
            blobs.add(m.blobs().get(i));
        }
        return CompressedModel.of(m.kind(), config, m.parameterCount(), provenance,
                m.tensors().stream().map(ArtifactTensor::info).toList(), refs, blobs);
    }

    @Test
    void anArtifactOfStockLayersAndApiEncodingsRequiresNothing() throws Exception {
        CompressedModel m = Compressors.fp16().compress(TestNetworks.smallMln(1)).artifact();
        assertTrue(m.requirements().isEmpty(), m.requirements().toString());
        CompressedModel back = CompressedModel.fromBytes(m.toBytes(OuterCompression.NONE), ReadLimits.DEFAULT);
        assertEquals(Requirements.NONE, back.requirements());
    }

    @Test
    void aCustomLayerClassIsRecordedReadBackAndNamedWhenMissing() throws Exception {
        CompressedModel m = withLayerClass("com.example.layers.ScaledDense");
        assertEquals(Map.of("com.example.layers.ScaledDense", "com.example.layers"), m.requirements().classes());
        CompressedModel back = CompressedModel.fromBytes(m.toBytes(OuterCompression.GZIP), ReadLimits.DEFAULT);
        assertEquals(m.requirements(), back.requirements());
        assertEquals(m.provenance(), back.provenance(), "requirements are not provenance");
        ArtifactException e = assertThrows(ArtifactException.class, back::restore);
        assertEquals(Problem.MISSING_MODULE, e.problem());
        assertTrue(e.getMessage().contains("com.example.layers.ScaledDense (provided by com.example.layers)"),
                e.getMessage());
    }

    @Test
    void aLayerOfAnotherCompressorModuleNamesThatModule() throws Exception {
        CompressedModel m = withLayerClass(DIRECT);
        assertEquals(Set.of("compressor-prune"), m.requirements().modules());
        ArtifactException e = assertThrows(ArtifactException.class, () -> m.restore(RuntimeMode.DEQUANTIZE_AT_LOAD));
        assertEquals(Problem.MISSING_MODULE, e.problem());
        assertTrue(e.getMessage().contains(DIRECT) && e.getMessage().contains("add compressor-prune"),
                e.getMessage());
    }

    @Test
    void anArtifactWithoutRecordedRequirementsStillNamesTheModule() {
        CompressedModel m = withLayerClass(DIRECT);
        CompressedModel old = CompressedModel.trusted(m.kind(), m.configJson(), m.parameterCount(), m.provenance(),
                Requirements.NONE, m.tensors(), m.blobs());
        ArtifactException e = assertThrows(ArtifactException.class, old::restore);
        assertEquals(Problem.MISSING_MODULE, e.problem());
        assertTrue(e.getMessage().contains("provided by compressor-prune"), e.getMessage());
    }

    @Test
    void aMissingEncodingIsNamedWithItsModule() throws Exception {
        CompressedModel m = Compressors.identity().compress(TestNetworks.smallMln(2)).artifact();
        List<ArtifactTensor> ts = new ArrayList<>(m.tensors());
        ArtifactTensor t = ts.get(0);
        ts.set(0, new ArtifactTensor(t.info(), "linear-int", 1, "int8", t.blobLength(), t.blobCrc32c()));
        CompressedModel quantized = CompressedModel.trusted(m.kind(), m.configJson(), m.parameterCount(),
                m.provenance(), new Requirements(Map.of("linear-int", "compressor-quant"), Map.of()), ts, m.blobs());
        ArtifactException e = assertThrows(ArtifactException.class,
                () -> CompressedModel.fromBytes(quantized.toBytes(OuterCompression.NONE), ReadLimits.DEFAULT));
        assertEquals(Problem.UNKNOWN_ENCODING, e.problem());
        assertTrue(e.getMessage().contains("'linear-int', provided by compressor-quant")
                && e.getMessage().contains("add compressor-quant"), e.getMessage());
    }

    @Test
    void encodingsOutsideTheApiAreRecordedWithTheirModule() {
        // a proxy's class lies outside compressor-api's packages, like any other module's encoding
        TensorEncoding outside = (TensorEncoding) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {TensorEncoding.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "id" -> "outside";
                    case "version" -> 1;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        TensorEncodings registry = TensorEncodings.of(List.of(outside, new DenseEncoding.F32()));
        Requirements r = Requirements.of(List.of("dense-f32", "outside", "not-installed"), "{}", registry);
        String pkg = outside.getClass().getPackageName();
        assertEquals(Map.of("outside", pkg), r.encodings(), "api encodings and unknown ids are not recorded");
        assertEquals(Set.of(pkg), r.modules());
    }

    @Test
    void moduleNamesFollowThePackage() {
        assertEquals("compressor-quant", Requirements.moduleOf("dev.compressor.quant.internal.LinearIntEncoding"));
        assertEquals("compressor-prune", Requirements.moduleOf(DIRECT));
        assertEquals("com.acme", Requirements.moduleOf("com.acme.Layer"));
        assertEquals("Layer", Requirements.moduleOf("Layer"));
    }

    @Test
    void provenanceMayNotUseTheReservedPrefix() {
        CompressedModel m = Compressors.identity().compress(TestNetworks.smallMln(4)).artifact();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> rebuilt(m, m.configJson(), m.provenance().with("requires.encoding.x", "y")));
        assertTrue(e.getMessage().contains("requires.encoding.x"), e.getMessage());
    }
}
