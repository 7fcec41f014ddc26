package dev.compressor.jetson.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Detects the platform: Jetson or not, board model, SoC and CUDA compute capability, L4T release,
 * power mode, CUDA device nodes and libraries, and the ND4J backends on the classpath.
 *
 * <p>Every file is read under a root directory ({@code /} by default) so that fixture trees can
 * stand in for real boards. The power mode comes from running {@code nvpmodel -q} (by default
 * {@code <root>/usr/sbin/nvpmodel} or {@code <root>/usr/bin/nvpmodel}), only on a Jetson.
 * Detection never initialises ND4J. Immutable and thread-safe; each {@code withX} returns a copy.
 *
 * <pre>{@code Platform p = PlatformDetector.system().detect();}</pre>
 */
public final class PlatformDetector {

    private final Path root;
    private final String osName;
    private final String osArch;
    private final ClassLoader loader;
    private final Optional<Path> nvpmodel;
    private final Duration nvpmodelTimeout;

    private PlatformDetector(Path root, String osName, String osArch, ClassLoader loader, Optional<Path> nvpmodel,
            Duration nvpmodelTimeout) {
        this.root = root;
        this.osName = osName;
        this.osArch = osArch;
        this.loader = loader;
        this.nvpmodel = nvpmodel;
        this.nvpmodelTimeout = nvpmodelTimeout;
    }

    /**
     * A detector for this machine: root {@code /}, this JVM's {@code os.name} and {@code os.arch},
     * and the thread's context class loader (or this class's loader if there is none).
     *
     * @return the detector
     */
    public static PlatformDetector system() {
        return forRoot(Path.of("/"));
    }

    /**
     * A detector reading files under another root, e.g. a fixture tree; OS, architecture and class
     * loader are this JVM's until changed.
     *
     * @param root the directory standing for {@code /}
     * @return the detector
     * @throws IllegalArgumentException if {@code root} is not a directory
     */
    public static PlatformDetector forRoot(Path root) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("root must be a directory, got " + root);
        }
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        return new PlatformDetector(root, System.getProperty("os.name", "unknown"), System.getProperty("os.arch", "unknown"),
                cl != null ? cl : PlatformDetector.class.getClassLoader(), Optional.empty(), Duration.ofSeconds(5));
    }

    /**
     * Uses another operating system and architecture name (as {@code os.name}/{@code os.arch} spell them).
     *
     * @param name e.g. {@code Linux}
     * @param arch e.g. {@code aarch64} or {@code amd64}
     * @return a copy with these values
     */
    public PlatformDetector withOs(String name, String arch) {
        return new PlatformDetector(root, Objects.requireNonNull(name, "name"), Objects.requireNonNull(arch, "arch"),
                loader, nvpmodel, nvpmodelTimeout);
    }

    /**
     * Looks for ND4J backends through another class loader.
     *
     * @param classLoader the loader ND4J will use
     * @return a copy with this loader
     */
    public PlatformDetector withClassLoader(ClassLoader classLoader) {
        return new PlatformDetector(root, osName, osArch, Objects.requireNonNull(classLoader, "classLoader"),
                nvpmodel, nvpmodelTimeout);
    }

    /**
     * Runs this executable as {@code nvpmodel} instead of looking under the root.
     *
     * @param executable path of the program to run with {@code -q}
     * @return a copy with this executable
     */
    public PlatformDetector withNvpmodel(Path executable) {
        return new PlatformDetector(root, osName, osArch, loader, Optional.of(executable), nvpmodelTimeout);
    }

    /**
     * Detects the platform. Missing files mean "not present", never an error.
     *
     * @return what was found
     */
    public Platform detect() {
        List<String> compatible = BoardFiles.compatible(root);
        Optional<String> soc = BoardFiles.soc(compatible);
        Optional<String> l4t = BoardFiles.l4tRelease(root);
        boolean jetson = soc.isPresent() || Files.exists(root.resolve("etc/nv_tegra_release"));
        Optional<PowerMode> mode = Optional.empty();
        if (jetson) {
            Optional<Path> exe = nvpmodel.or(() -> List.of("usr/sbin/nvpmodel", "usr/bin/nvpmodel").stream()
                    .map(root::resolve).filter(Files::isExecutable).findFirst());
            mode = exe.flatMap(e -> NvpmodelQuery.query(e, nvpmodelTimeout));
        }
        return new Platform(osName, osArch, nativePlatform(osName, osArch), jetson,
                jetson ? BoardFiles.model(root) : Optional.empty(), soc,
                soc.map(BoardFiles.COMPUTE_CAPABILITY::get), l4t, mode,
                CudaFiles.deviceNodes(root), CudaFiles.libraries(root), CudaFiles.version(root),
                ClasspathBackends.scan(loader));
    }

    /**
     * The ND4J/JavaCPP platform name for an OS and architecture, e.g. ({@code Linux}, {@code aarch64})
     * gives {@code linux-arm64}.
     *
     * @param osName as {@code os.name} spells it
     * @param osArch as {@code os.arch} spells it
     * @return the platform name
     */
    public static String nativePlatform(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String o = os.startsWith("linux") ? "linux" : os.startsWith("mac") || os.startsWith("darwin") ? "macosx"
                : os.startsWith("windows") ? "windows" : os.replaceAll("\\W", "");
        String a = switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64", "x86-64" -> "x86_64";
            case "aarch64", "arm64" -> "arm64";
            case "arm", "armv7l", "armhf" -> "armhf";
            case "x86", "i386", "i686" -> "x86";
            default -> osArch.toLowerCase(Locale.ROOT);
        };
        return o + "-" + a;
    }
}
