package dev.compressor.jetson.backend;

import dev.compressor.jetson.platform.ClasspathBackends;
import dev.compressor.jetson.platform.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides which ND4J backend to run from a detected {@link Platform}, before ND4J initialises.
 *
 * <p>CUDA is chosen only when an ND4J CUDA backend with native binaries for this platform is on
 * the classpath and a CUDA device node and driver library exist. On a Jetson without such a
 * backend the reason says plainly that Maven Central publishes no linux-arm64 CUDA build of ND4J.
 * Stateless and thread-safe.
 */
public final class BackendSelector {

    private BackendSelector() {
    }

    /**
     * Makes a plan.
     *
     * @param platform what the host has
     * @param request what the caller wants
     * @return the plan, with its reasons
     * @throws BackendSelectionException if the wanted backend cannot run and no fallback is allowed or
     *     possible; the message says what to add or change
     */
    public static BackendPlan plan(Platform platform, BackendRequest request) throws BackendSelectionException {
        List<String> reasons = new ArrayList<>();
        boolean fellBack = false;
        if (request.wanted() == Backend.CUDA) {
            Optional<String> problem = cudaProblem(platform);
            if (problem.isEmpty()) {
                reasons.add("nd4j-cuda for " + platform.nativePlatform() + " is on the classpath and CUDA devices "
                        + platform.cudaDeviceNodes() + " are present");
                return BackendPlan.of(Backend.CUDA, false, reasons);
            }
            if (!request.cpuFallback()) {
                throw new BackendSelectionException(problem.get()
                        + " To run on the CPU instead, request BackendRequest.cudaOrCpu() or BackendRequest.cpu().");
            }
            reasons.add(problem.get() + " Falling back to the CPU backend.");
            fellBack = true;
        }
        Optional<String> cpuProblem = cpuProblem(platform);
        if (cpuProblem.isPresent()) {
            String extra = fellBack ? " (CUDA was asked for first and cannot run either: " + reasons.get(0) + ")" : "";
            throw new BackendSelectionException(cpuProblem.get() + extra);
        }
        reasons.add("nd4j-native for " + platform.nativePlatform() + " is on the classpath");
        return BackendPlan.of(Backend.CPU, fellBack, reasons);
    }

    /** Why CUDA cannot run here, or empty if it can. */
    static Optional<String> cudaProblem(Platform platform) {
        ClasspathBackends b = platform.backends();
        String p = platform.nativePlatform();
        String version = b.nd4jVersionOrDefault();
        if (!b.cudaClasses()) {
            if (platform.jetson() || p.equals("linux-arm64")) {
                return Optional.of("No ND4J CUDA backend is on the classpath, and Maven Central publishes no ND4J CUDA"
                        + " build for linux-arm64 (Jetson): the published nd4j-cuda jars of " + version + " are for x86_64."
                        + " To use the GPU of this " + platform.model().orElse(p)
                        + platform.cudaComputeCapability().map(c -> " (CUDA compute capability " + c + ")").orElse("")
                        + ", build ND4J " + version + " with CUDA for linux-arm64 yourself and put that build on the"
                        + " classpath (see compressor-jetson/README.md).");
            }
            return Optional.of("No ND4J CUDA backend is on the classpath: add org.nd4j:nd4j-cuda-11.6:" + version
                    + " with classifier " + p + " (it needs CUDA 11.6 and an NVIDIA driver).");
        }
        if (!b.cudaFor(p)) {
            return Optional.of("The ND4J CUDA classes are on the classpath but not their native binaries for " + p
                    + " (binaries found for " + b.cudaNativePlatforms() + "): add the nd4j-cuda jar with classifier " + p + ".");
        }
        if (platform.cudaDeviceNodes().isEmpty()) {
            return Optional.of("No CUDA device node (/dev/nvhost-ctrl-gpu, /dev/nvgpu/igpu0/ctrl or /dev/nvidia0) exists:"
                    + " no GPU is visible here (in a container, pass the GPU through, e.g. --runtime nvidia).");
        }
        if (!platform.cudaUsable()) {
            return Optional.of("No CUDA driver library (libcuda.so) was found: install the NVIDIA driver"
                    + (platform.jetson() ? " (part of JetPack/L4T)" : "") + ".");
        }
        return Optional.empty();
    }

    /** Why the CPU backend cannot run here, or empty if it can. */
    static Optional<String> cpuProblem(Platform platform) {
        ClasspathBackends b = platform.backends();
        String p = platform.nativePlatform();
        String version = b.nd4jVersionOrDefault();
        if (!b.cpuClasses()) {
            return Optional.of("nd4j-native is not on the classpath: add org.nd4j:nd4j-native:" + version
                    + " and org.nd4j:nd4j-native:" + version + " with classifier " + p + ".");
        }
        if (!b.cpuFor(p)) {
            return Optional.of("nd4j-native is on the classpath without its native binaries for " + p
                    + " (binaries found for " + b.cpuNativePlatforms() + "): add org.nd4j:nd4j-native:" + version
                    + " with classifier " + p + ".");
        }
        return Optional.empty();
    }
}
