package dev.compressor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.testdata.TestNetworks;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The report's encoding column names the encodings used, never "mixed". */
class CompressionReportTest {

    @Test
    void layersAndTotalNameTheirEncodingsWithTensorCounts() {
        CompressionReport r = Compressors.fp16(TensorSelector.weights()).compress(TestNetworks.smallMln(2)).report();
        Map<String, String> byLayer = r.layers().stream()
                .collect(Collectors.toMap(TensorReport::name, TensorReport::encoding));
        assertEquals("fp16 (1), fp32 (1)", byLayer.get("conv"), "weights fp16, bias fp32: most parameters first");
        assertEquals("fp32", byLayer.get("bn"), "one shared encoding is named as it is");
        assertEquals("fp16 (1), fp32 (1)", byLayer.get("fc"));
        assertEquals("fp16 (3), fp32 (7)", r.total().encoding(), "3 weight tensors, 7 others");
        String table = r.toTable();
        assertFalse(table.contains("mixed"), table);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("total") && l.contains("fp16 (3), fp32 (7)")), table);
        assertTrue(table.contains("encoding: the layer's, or each one with how many of the layer's tensors use it"),
                table);
    }

    @Test
    void oneEncodingEverywhereIsNamedInFull() {
        CompressionReport r = Compressors.bf16().compress(TestNetworks.smallMln(2)).report();
        assertEquals("bf16", r.total().encoding());
        r.layers().forEach(l -> assertEquals("bf16", l.encoding(), l.name()));
    }

    @Test
    void shortNamesAreTheFirstWordWithItsBracketsClosed() {
        assertEquals("int8", CompressionReport.shortName("int8 sym per-channel(axis 0) minmax"));
        assertEquals("kmeans5", CompressionReport.shortName("kmeans5 (32 centroids)"));
        assertEquals("bitmask(fp32)", CompressionReport.shortName("bitmask(fp32)"));
        assertEquals("bitmask(int8)", CompressionReport.shortName("bitmask(int8 sym per-tensor (sparse values) minmax)"));
        TensorReport w = new TensorReport("0_W", "conv", null, "int8 sym per-channel(axis 0) minmax", 54, 54, 70, 1, 0,
                0);
        TensorReport w2 = new TensorReport("2_W", "fc", null, "int8 sym per-channel(axis 1) minmax", 12000, 12000,
                12100, 1, 0, 0);
        TensorReport b = new TensorReport("0_b", "conv", null, "fp32", 6, 6, 24, 1, 0, 0);
        assertEquals("int8 (2), fp32 (1)", CompressionReport.encodings(List.of(b, w, w2)),
                "different per-channel axes are one encoding by name");
        assertEquals("", CompressionReport.encodings(List.of()));
    }
}
