package dev.compressor.examples.study;

import dev.compressor.examples.settings.Setting;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * One metric's values over the full tier's networks (rows, in the records' order) and settings
 * (columns, in the records' order); a network-setting pair without a record is
 * {@link ChartMetric.Kind#MISSING}. Immutable.
 *
 * @param metric the metric
 * @param networks the rows
 * @param settings the columns
 * @param values {@code values.get(row).get(column)}
 */
record ChartGrid(ChartMetric metric, List<String> networks, List<String> settings,
        List<List<ChartMetric.Value>> values) {

    /** The setting whose cell every ratio is taken against. */
    static final String FP32 = Setting.FP32.id();

    ChartGrid {
        networks = List.copyOf(networks);
        settings = List.copyOf(settings);
        values = values.stream().map(List::copyOf).toList();
    }

    /**
     * The grid of a metric.
     *
     * @param records the full tier's cells
     * @param metric the metric
     * @return the grid
     */
    static ChartGrid of(List<CellRecord> records, ChartMetric metric) {
        List<String> networks = new ArrayList<>(new LinkedHashSet<>(records.stream().map(r -> r.key().network()).toList()));
        List<String> settings = new ArrayList<>(new LinkedHashSet<>(records.stream().map(r -> r.key().setting()).toList()));
        Map<String, CellRecord> byCell = new HashMap<>();
        for (CellRecord r : records) {
            byCell.put(r.key().network() + '\u0000' + r.key().setting(), r);
        }
        List<List<ChartMetric.Value>> values = new ArrayList<>();
        for (String n : networks) {
            CellRecord fp32 = byCell.get(n + '\u0000' + FP32);
            CellRecord reference = fp32 != null && fp32.ok() ? fp32 : null;
            List<ChartMetric.Value> row = new ArrayList<>();
            for (String s : settings) {
                CellRecord r = byCell.get(n + '\u0000' + s);
                row.add(r == null ? ChartMetric.Value.MISSING : metric.value(r, reference));
            }
            values.add(row);
        }
        return new ChartGrid(metric, networks, settings, values);
    }

    /** Returns the value of a row and column. */
    ChartMetric.Value value(int network, int setting) {
        return values.get(network).get(setting);
    }

    /** Returns whether any value rests on an estimated energy. */
    boolean estimated() {
        return values.stream().flatMap(List::stream).anyMatch(ChartMetric.Value::estimated);
    }

    /** Returns the measured values (kind VALUE), row by row. */
    List<ChartMetric.Value> measured() {
        return values.stream().flatMap(List::stream).filter(v -> v.kind() == ChartMetric.Kind.VALUE).toList();
    }
}
