package dev.compressor.api.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Where an artifact came from: library version, settings, seed, JVM, OS, architecture and ND4J
 * backend (and board and power mode when a caller adds them). Sorted, immutable; no timestamps,
 * so the same inputs give byte-identical artifacts.
 *
 * @param entries the key/value pairs
 */
public record Provenance(Map<String, String> entries) {

    /** Key of the library version. */
    public static final String LIBRARY_VERSION = "library.version";
    /** Key of the compression settings. */
    public static final String SETTINGS = "settings";
    /** Key of the seed. */
    public static final String SEED = "seed";

    /** Copies and sorts the entries. */
    public Provenance {
        entries = Map.copyOf(new TreeMap<>(entries));
    }

    /**
     * Provenance of work done now, in this JVM.
     *
     * @param settings a description of the compression settings
     * @param seed the seed used
     * @param backend the ND4J backend's name
     * @return the provenance
     */
    public static Provenance current(String settings, long seed, String backend) {
        Map<String, String> m = new TreeMap<>();
        m.put(LIBRARY_VERSION, libraryVersion());
        m.put(SETTINGS, settings);
        m.put(SEED, Long.toString(seed));
        m.put("jvm", System.getProperty("java.vm.vendor", "?") + " " + System.getProperty("java.vm.name", "?")
                + " " + System.getProperty("java.version", "?"));
        m.put("os", System.getProperty("os.name", "?") + " " + System.getProperty("os.version", "?"));
        m.put("arch", System.getProperty("os.arch", "?"));
        m.put("nd4j.backend", backend);
        return new Provenance(m);
    }

    /**
     * This library's version, from its build.
     *
     * @return the version, or {@code "unknown"}
     */
    public static String libraryVersion() {
        try (InputStream in = Provenance.class.getResourceAsStream("/dev/compressor/api/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * A value.
     *
     * @param key the key
     * @return the value or {@code null}
     */
    public String get(String key) {
        return entries.get(key);
    }

    /**
     * The same provenance with one more entry.
     *
     * @param key the key
     * @param value the value
     * @return the new provenance
     */
    public Provenance with(String key, String value) {
        Map<String, String> m = new TreeMap<>(entries);
        m.put(key, value);
        return new Provenance(m);
    }
}
