package dev.compressor.jetson.platform;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Which ND4J backends a class loader can see, found from resources only: no ND4J class is loaded
 * or initialised, so the backend choice stays open. Immutable.
 *
 * @param registeredBackends backend class names listed in {@code META-INF/services/org.nd4j.linalg.factory.Nd4jBackend}
 * @param cpuClasses whether the {@code nd4j-native} Java classes are present
 * @param cpuNativePlatforms platforms (e.g. {@code linux-arm64}) with {@code nd4j-native} native binaries present
 * @param cudaClasses whether the {@code nd4j-cuda} Java classes are present
 * @param cudaNativePlatforms platforms with {@code nd4j-cuda} native binaries present
 * @param nd4jVersion the version of {@code nd4j-api} on the classpath, from its Maven metadata
 */
public record ClasspathBackends(List<String> registeredBackends, boolean cpuClasses, List<String> cpuNativePlatforms,
        boolean cudaClasses, List<String> cudaNativePlatforms, Optional<String> nd4jVersion) {

    /** The ND4J CPU backend class ({@code nd4j-native}). */
    public static final String CPU_BACKEND_CLASS = "org.nd4j.linalg.cpu.nativecpu.CpuBackend";
    /** The ND4J CUDA backend class ({@code nd4j-cuda-*}). */
    public static final String CUDA_BACKEND_CLASS = "org.nd4j.linalg.jcublas.JCublasBackend";

    private static final String SERVICE = "META-INF/services/org.nd4j.linalg.factory.Nd4jBackend";
    private static final List<String> PLATFORMS = List.of("linux-x86_64", "linux-x86_64-avx2", "linux-x86_64-avx512",
            "linux-arm64", "linux-armhf", "linux-ppc64le", "macosx-x86_64", "macosx-arm64", "windows-x86_64",
            "windows-x86_64-avx2", "android-arm64", "android-x86_64");

    /** Copies the lists. */
    public ClasspathBackends {
        registeredBackends = List.copyOf(registeredBackends);
        cpuNativePlatforms = List.copyOf(cpuNativePlatforms);
        cudaNativePlatforms = List.copyOf(cudaNativePlatforms);
        Objects.requireNonNull(nd4jVersion, "nd4jVersion");
    }

    /**
     * Looks at what a class loader can see.
     *
     * @param loader the class loader ND4J will use (usually the context or application loader)
     * @return what was found
     * @throws UncheckedIOException if a service file cannot be read
     */
    public static ClasspathBackends scan(ClassLoader loader) {
        return new ClasspathBackends(serviceEntries(loader),
                loader.getResource(resourceOf(CPU_BACKEND_CLASS)) != null,
                nativePlatforms(loader, "org/nd4j/linalg/cpu/nativecpu/bindings/", "jnind4jcpu"),
                loader.getResource(resourceOf(CUDA_BACKEND_CLASS)) != null,
                nativePlatforms(loader, "org/nd4j/linalg/jcublas/bindings/", "jnind4jcuda"),
                nd4jVersion(loader));
    }

    /**
     * The ND4J version to name in advice: the one on the classpath, else the one this SDK is built against.
     *
     * @return e.g. {@code 1.0.0-M2.1}
     */
    public String nd4jVersionOrDefault() {
        return nd4jVersion.orElse("1.0.0-M2.1");
    }

    /**
     * Whether the CPU backend can run on a platform: classes and that platform's binaries present.
     *
     * @param platform an ND4J platform name such as {@code linux-arm64}
     * @return true if both are there
     */
    public boolean cpuFor(String platform) {
        return cpuClasses && cpuNativePlatforms.stream().anyMatch(p -> p.equals(platform) || p.startsWith(platform + "-"));
    }

    /**
     * Whether a CUDA backend can run on a platform: classes and that platform's binaries present.
     *
     * @param platform an ND4J platform name such as {@code linux-arm64}
     * @return true if both are there
     */
    public boolean cudaFor(String platform) {
        return cudaClasses && cudaNativePlatforms.stream().anyMatch(p -> p.equals(platform) || p.startsWith(platform + "-"));
    }

    private static String resourceOf(String className) {
        return className.replace('.', '/') + ".class";
    }

    private static List<String> nativePlatforms(ClassLoader loader, String prefix, String library) {
        List<String> found = new ArrayList<>();
        for (String platform : PLATFORMS) {
            String file = platform.startsWith("windows") ? library + ".dll"
                    : platform.startsWith("macosx") ? "lib" + library + ".dylib" : "lib" + library + ".so";
            if (loader.getResource(prefix + platform + "/" + file) != null) {
                found.add(platform);
            }
        }
        return found;
    }

    private static Optional<String> nd4jVersion(ClassLoader loader) {
        URL url = loader.getResource("META-INF/maven/org.nd4j/nd4j-api/pom.properties");
        if (url == null) {
            return Optional.empty();
        }
        Properties props = new Properties();
        try (InputStream in = url.openStream()) {
            props.load(in);
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(props.getProperty("version"));
    }

    private static List<String> serviceEntries(ClassLoader loader) {
        Set<String> names = new LinkedHashSet<>();
        try {
            Enumeration<URL> urls = loader.getResources(SERVICE);
            while (urls.hasMoreElements()) {
                try (BufferedReader in = new BufferedReader(
                        new InputStreamReader(urls.nextElement().openStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        String name = line.replaceFirst("#.*", "").trim();
                        if (!name.isEmpty()) {
                            names.add(name);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SERVICE, e);
        }
        return List.copyOf(names);
    }
}
