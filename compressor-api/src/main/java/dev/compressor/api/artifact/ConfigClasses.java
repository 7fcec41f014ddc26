package dev.compressor.api.artifact;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The classes a DL4J configuration names (its {@code "@class"} properties: layers, vertices,
 * preprocessors, activations, updaters) and which of them are not stock: outside DL4J and ND4J.
 * Stateless.
 */
final class ConfigClasses {

    private static final Pattern CLASS = Pattern.compile("\"@class\"\\s*:\\s*\"([^\"\\\\]+)\"");
    private static final List<String> STOCK = List.of("org.deeplearning4j.", "org.nd4j.", "dev.compressor.api.");

    private ConfigClasses() {
    }

    /**
     * The non-stock classes a configuration names.
     *
     * @param configJson DL4J JSON
     * @return their names, each once, in order of first appearance
     */
    static List<String> nonStock(String configJson) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = CLASS.matcher(configJson);
        while (m.find()) {
            String c = m.group(1);
            if (STOCK.stream().noneMatch(c::startsWith)) {
                out.add(c);
            }
        }
        return List.copyOf(out);
    }

    /**
     * The non-stock classes a configuration names that cannot be loaded here.
     *
     * @param configJson DL4J JSON
     * @return their names; empty when DL4J can build the configuration's classes
     */
    static List<String> missing(String configJson) {
        List<String> out = new ArrayList<>();
        for (String c : nonStock(configJson)) {
            if (!loadable(c)) {
                out.add(c);
            }
        }
        return out;
    }

    private static boolean loadable(String name) {
        for (ClassLoader loader : new ClassLoader[] {Thread.currentThread().getContextClassLoader(),
                ConfigClasses.class.getClassLoader()}) {
            if (loader == null) {
                continue;
            }
            try {
                Class.forName(name, false, loader);
                return true;
            } catch (ClassNotFoundException | LinkageError e) {
                // try the next loader
            }
        }
        return false;
    }
}
