package dev.compressor.api.artifact;

import dev.compressor.api.encoding.TensorEncodings;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What restoring an artifact needs beyond compressor-api: the tensor encodings and the
 * configuration classes (custom layers, vertices, activations) it names that compressor-api and
 * DL4J do not provide, each with the module that provides it ({@code "compressor-quant"}, or the
 * package of a class from elsewhere). Computed when an artifact is assembled, recorded in its
 * manifest, and named in the {@link ArtifactException} when missing on the class path. Immutable
 * and thread-safe.
 *
 * @param encodings encoding id to providing module, sorted by id
 * @param classes fully qualified class name to providing module, sorted by name
 */
public record Requirements(Map<String, String> encodings, Map<String, String> classes) {

    /** Nothing beyond compressor-api. */
    public static final Requirements NONE = new Requirements(Map.of(), Map.of());

    private static final String API_PACKAGE = "dev.compressor.api.";
    private static final String PROJECT_PACKAGE = "dev.compressor.";

    /**
     * Copies and sorts the maps.
     *
     * @throws NullPointerException if a map, key or value is null
     */
    public Requirements {
        encodings = java.util.Collections.unmodifiableMap(new TreeMap<>(Map.copyOf(encodings)));
        classes = java.util.Collections.unmodifiableMap(new TreeMap<>(Map.copyOf(classes)));
    }

    /**
     * The modules these requirements name, sorted.
     *
     * @return the module names, empty when compressor-api suffices
     */
    public Set<String> modules() {
        Set<String> m = new TreeSet<>(encodings.values());
        m.addAll(classes.values());
        return m;
    }

    /** Whether compressor-api (with DL4J) suffices. @return true if nothing is required */
    public boolean isEmpty() {
        return encodings.isEmpty() && classes.isEmpty();
    }

    /**
     * The requirements of an artifact being assembled: every encoding whose implementation is
     * not compressor-api's (looked up in {@code registry}; an id it lacks is not recorded) and
     * every non-stock class the configuration names.
     */
    static Requirements of(List<String> encodingIds, String configJson, TensorEncodings registry) {
        Map<String, String> enc = new TreeMap<>();
        for (String id : encodingIds) {
            registry.find(id).map(e -> e.getClass().getName()).filter(c -> !c.startsWith(API_PACKAGE))
                    .ifPresent(c -> enc.put(id, moduleOf(c)));
        }
        Map<String, String> cls = new TreeMap<>();
        for (String c : ConfigClasses.nonStock(configJson)) {
            cls.put(c, moduleOf(c));
        }
        return new Requirements(enc, cls);
    }

    /**
     * The module that provides a class: {@code compressor-<name>} for a class in package
     * {@code dev.compressor.<name>}, else the class's package.
     *
     * @param className a fully qualified class name
     * @return the module's name
     */
    static String moduleOf(String className) {
        Objects.requireNonNull(className, "className");
        if (className.startsWith(PROJECT_PACKAGE)) {
            String rest = className.substring(PROJECT_PACKAGE.length());
            int dot = rest.indexOf('.');
            if (dot > 0) {
                return "compressor-" + rest.substring(0, dot);
            }
        }
        int dot = className.lastIndexOf('.');
        return dot > 0 ? className.substring(0, dot) : className;
    }

    /**
     * The module a requirement names, or the one derived from the class name when the manifest
     * recorded none (artifacts written before requirements were recorded).
     */
    String moduleOfClass(String className) {
        return classes.getOrDefault(className, moduleOf(className));
    }
}
