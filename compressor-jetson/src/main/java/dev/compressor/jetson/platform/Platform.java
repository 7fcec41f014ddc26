package dev.compressor.jetson.platform;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link PlatformDetector} found about a host. Immutable.
 *
 * @param osName the operating system, as {@code os.name} reports it
 * @param osArch the CPU architecture, as {@code os.arch} reports it ({@code aarch64} on a Jetson)
 * @param nativePlatform the ND4J/JavaCPP platform name, e.g. {@code linux-arm64} or {@code linux-x86_64}
 * @param jetson whether the host is an NVIDIA Jetson (a Tegra SoC in the device tree, or an L4T release file)
 * @param model the device-tree model string, e.g. {@code NVIDIA Jetson AGX Orin Developer Kit}
 * @param soc the Tegra SoC, e.g. {@code tegra186} (TX2) or {@code tegra234} (Orin)
 * @param cudaComputeCapability the CUDA compute capability of the SoC's GPU, e.g. {@code 6.2}
 * @param l4tRelease the L4T release, e.g. {@code 35.4.1}
 * @param powerMode the power mode {@code nvpmodel -q} reports
 * @param cudaDeviceNodes CUDA device nodes that exist (e.g. {@code /dev/nvhost-ctrl-gpu}, {@code /dev/nvidia0})
 * @param cudaLibraries CUDA driver and runtime libraries found ({@code libcuda.so*}, {@code libcudart.so*})
 * @param cudaVersion the CUDA toolkit version from {@code /usr/local/cuda/version.json} or {@code version.txt}
 * @param backends the ND4J backends on the classpath
 */
public record Platform(
        String osName,
        String osArch,
        String nativePlatform,
        boolean jetson,
        Optional<String> model,
        Optional<String> soc,
        Optional<String> cudaComputeCapability,
        Optional<String> l4tRelease,
        Optional<PowerMode> powerMode,
        List<Path> cudaDeviceNodes,
        List<Path> cudaLibraries,
        Optional<String> cudaVersion,
        ClasspathBackends backends) {

    /** Validates and copies the lists. */
    public Platform {
        Objects.requireNonNull(osName, "osName");
        Objects.requireNonNull(osArch, "osArch");
        Objects.requireNonNull(nativePlatform, "nativePlatform");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(soc, "soc");
        Objects.requireNonNull(cudaComputeCapability, "cudaComputeCapability");
        Objects.requireNonNull(l4tRelease, "l4tRelease");
        Objects.requireNonNull(powerMode, "powerMode");
        cudaDeviceNodes = List.copyOf(cudaDeviceNodes);
        cudaLibraries = List.copyOf(cudaLibraries);
        Objects.requireNonNull(cudaVersion, "cudaVersion");
        Objects.requireNonNull(backends, "backends");
    }

    /**
     * Whether a CUDA device and a CUDA driver library were both found, i.e. CUDA could run here.
     *
     * @return true if both are present
     */
    public boolean cudaUsable() {
        return !cudaDeviceNodes.isEmpty() && cudaLibraries.stream()
                .anyMatch(p -> p.getFileName().toString().startsWith("libcuda.so"));
    }

    /**
     * A one-line human-readable summary, e.g. for logs and error messages.
     *
     * @return the summary
     */
    public String describe() {
        StringBuilder s = new StringBuilder();
        s.append(jetson ? "Jetson " + model.orElse("(model unknown)") : "not a Jetson").append(" (")
                .append(nativePlatform).append(')');
        soc.ifPresent(v -> s.append(", SoC ").append(v));
        cudaComputeCapability.ifPresent(v -> s.append(", CUDA capability ").append(v));
        l4tRelease.ifPresent(v -> s.append(", L4T ").append(v));
        powerMode.ifPresent(m -> s.append(", power mode ").append(m.name())
                .append(m.id().isPresent() ? " (" + m.id().getAsInt() + ")" : ""));
        cudaVersion.ifPresent(v -> s.append(", CUDA ").append(v));
        s.append(", CUDA device nodes ").append(cudaDeviceNodes.isEmpty() ? "none" : cudaDeviceNodes.size());
        s.append(", ND4J backends on classpath: ");
        s.append(backends.cpuClasses() ? "nd4j-native " + backends.cpuNativePlatforms() : "no nd4j-native");
        s.append(backends.cudaClasses() ? ", nd4j-cuda " + backends.cudaNativePlatforms() : ", no nd4j-cuda");
        return s.toString();
    }
}
