package dev.compressor.examples.study;

import dev.compressor.jetson.backend.BackendPlan;
import dev.compressor.jetson.backend.BackendRequest;
import dev.compressor.jetson.backend.BackendSelectionException;
import dev.compressor.jetson.backend.BackendSelector;
import dev.compressor.jetson.platform.Platform;
import dev.compressor.jetson.platform.PlatformDetector;
import java.util.Locale;

/**
 * The ND4J backend of the study's child JVMs ({@code study run --backend auto|cpu|cuda}), chosen by
 * {@code compressor-jetson}'s {@link BackendSelector} from the detected platform: CUDA on a Jetson or
 * a CUDA machine whose ND4J CUDA backend is on the class path, the CPU otherwise. The child JVMs are
 * launched with the plan's environment ({@link dev.compressor.jetson.backend.ChildJvm}), so ND4J
 * picks the planned backend before it initialises. Stateless.
 */
final class ChildBackend {

    private ChildBackend() {
    }

    /**
     * Plans the backend for this machine.
     *
     * @param choice {@code auto} (CUDA where it can run, else the CPU), {@code cpu} or {@code cuda}
     *     (CUDA or an error saying what is missing)
     * @return the plan
     * @throws IllegalArgumentException if the choice is unknown or the chosen backend cannot run here
     */
    static BackendPlan plan(String choice) {
        return plan(choice, PlatformDetector.system().detect());
    }

    /**
     * Plans the backend for a platform.
     *
     * @param choice {@code auto}, {@code cpu} or {@code cuda}
     * @param platform the detected platform
     * @return the plan
     * @throws IllegalArgumentException if the choice is unknown or the chosen backend cannot run there
     */
    static BackendPlan plan(String choice, Platform platform) {
        BackendRequest request = switch (choice.trim().toLowerCase(Locale.ROOT)) {
            case "auto" -> BackendRequest.cudaOrCpu();
            case "cpu" -> BackendRequest.cpu();
            case "cuda" -> BackendRequest.cuda();
            default -> throw new IllegalArgumentException("--backend must be auto, cpu or cuda, got '" + choice + "'");
        };
        try {
            return BackendSelector.plan(platform, request);
        } catch (BackendSelectionException e) {
            throw new IllegalArgumentException("--backend " + choice + ": " + e.getMessage(), e);
        }
    }
}
