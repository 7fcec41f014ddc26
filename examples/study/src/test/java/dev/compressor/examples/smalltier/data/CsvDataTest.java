package dev.compressor.examples.smalltier.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV files as examples: header, label column, quoting, limits and the errors with file, line and column. */
class CsvDataTest {

    @TempDir
    Path dir;

    @Test
    void aHeaderIsSkippedTheLabelColumnTakenOutAndLinesRemembered() throws Exception {
        Path f = dir.resolve("t.csv");
        Files.writeString(f, "a,class,b\n\n1.5,2,-3\n\"4\", 0 ,5e-1\n7,1.0,8\n");
        CsvData d = CsvData.read(f, 1, 2);
        assertEquals(2, d.size());
        assertArrayEquals(new int[] {2}, d.exampleShape());
        assertArrayEquals(new float[] {1.5f, -3f, 4f, 0.5f}, d.features(0, 2).data().asFloat());
        assertEquals(2, d.label(0));
        assertEquals(0, d.label(1));
        assertEquals(f + " line 4", d.origin(1));
        assertTrue(d.source().contains("2 of 3 rows after a header, 2 features, labelled"), d.source());
        CsvData all = CsvData.read(f, -1, 100);
        assertFalse(all.labelled());
        assertArrayEquals(new int[] {3}, all.exampleShape());
        assertThrows(IllegalStateException.class, () -> all.label(0));
    }

    @Test
    void badRowsNameFileLineAndColumn() throws Exception {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, "1,2,3\n4,5\n");
        assertEquals(f + " line 2: 2 values, expected 3 (as on line 1)",
                assertThrows(IllegalArgumentException.class, () -> CsvData.read(f, 0, 10)).getMessage());
        Files.writeString(f, "1,2,3\n4,x,6\n");
        assertEquals(f + " line 2, column 2 (index 1): 'x' is not a number",
                assertThrows(IllegalArgumentException.class, () -> CsvData.read(f, 0, 10)).getMessage());
        Files.writeString(f, "1,2,3\n4,NaN,6\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CsvData.read(f, 0, 10)).getMessage()
                .endsWith("'NaN' is not a finite number"));
        Files.writeString(f, "1,2,3\n2.5,2,6\n");
        assertEquals(f + " line 2, column 1 (index 0): label '2.5' is not a class index (a whole number from 0)",
                assertThrows(IllegalArgumentException.class, () -> CsvData.read(f, 0, 10)).getMessage());
        Files.writeString(f, "1,2,3\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CsvData.read(f, 3, 10)).getMessage()
                .contains("--label-column 3 is beyond its 3 columns"));
        Files.writeString(f, "x,y\n");
        assertEquals(f + " holds no data rows (only a header)",
                assertThrows(IllegalArgumentException.class, () -> CsvData.read(f, -1, 10)).getMessage());
    }
}
