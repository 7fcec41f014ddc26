package dev.compressor.jetson.backend;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A child JVM that runs a main class under a {@link BackendPlan}: the plan's environment is set
 * before the child starts, so ND4J in the child picks the planned backend. Immutable; each
 * {@code withX} returns a copy.
 *
 * <pre>{@code
 * BackendPlan plan = BackendSelector.plan(PlatformDetector.system().detect(), BackendRequest.cudaOrCpu());
 * Process p = ChildJvm.of(plan, "com.example.Benchmark").withArguments(List.of("--net", "lenet")).start();
 * }</pre>
 */
public final class ChildJvm {

    private final BackendPlan plan;
    private final String mainClass;
    private final Path java;
    private final String classpath;
    private final List<String> jvmOptions;
    private final List<String> arguments;

    private ChildJvm(BackendPlan plan, String mainClass, Path java, String classpath, List<String> jvmOptions,
            List<String> arguments) {
        this.plan = plan;
        this.mainClass = mainClass;
        this.java = java;
        this.classpath = classpath;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.arguments = List.copyOf(arguments);
    }

    /**
     * A child running {@code mainClass} with this JVM's {@code java} executable and class path.
     *
     * @param plan the backend plan whose environment the child gets
     * @param mainClass the fully qualified name of the class whose {@code main} to run
     * @return the child description
     * @throws IllegalArgumentException if {@code mainClass} is not a valid class name
     */
    public static ChildJvm of(BackendPlan plan, String mainClass) {
        Objects.requireNonNull(plan, "plan");
        if (mainClass == null || !mainClass.matches("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*")) {
            throw new IllegalArgumentException("not a class name: '" + mainClass + "'");
        }
        return new ChildJvm(plan, mainClass, Path.of(System.getProperty("java.home"), "bin", "java"),
                System.getProperty("java.class.path"), List.of(), List.of());
    }

    /**
     * Uses another class path.
     *
     * @param path the class path, entries separated by the platform's path separator
     * @return a copy
     */
    public ChildJvm withClasspath(String path) {
        return new ChildJvm(plan, mainClass, java, Objects.requireNonNull(path, "path"), jvmOptions, arguments);
    }

    /**
     * Uses these JVM options (e.g. {@code -Xmx512m}), placed before the main class.
     *
     * @param options the options
     * @return a copy
     */
    public ChildJvm withJvmOptions(List<String> options) {
        return new ChildJvm(plan, mainClass, java, classpath, options, arguments);
    }

    /**
     * Passes these arguments to the main class.
     *
     * @param args the arguments
     * @return a copy
     */
    public ChildJvm withArguments(List<String> args) {
        return new ChildJvm(plan, mainClass, java, classpath, jvmOptions, args);
    }

    /**
     * Uses another {@code java} executable.
     *
     * @param executable path of the {@code java} launcher
     * @return a copy
     */
    public ChildJvm withJava(Path executable) {
        return new ChildJvm(plan, mainClass, Objects.requireNonNull(executable, "executable"), classpath, jvmOptions, arguments);
    }

    /**
     * The command line the child runs.
     *
     * @return {@code java [options] -cp <classpath> <mainClass> [arguments]}
     */
    public List<String> command() {
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(mainClass);
        cmd.addAll(arguments);
        return cmd;
    }

    /**
     * A process builder for the child with the plan's environment set; the caller may add
     * redirections before starting it.
     *
     * @return the builder
     */
    public ProcessBuilder processBuilder() {
        return plan.applyTo(new ProcessBuilder(command()));
    }

    /**
     * Starts the child with its output and error streams piped to the caller.
     *
     * @return the running child
     * @throws IOException if it cannot be started
     */
    public Process start() throws IOException {
        return processBuilder().start();
    }
}
