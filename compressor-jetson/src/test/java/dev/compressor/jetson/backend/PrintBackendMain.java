package dev.compressor.jetson.backend;

/** Child-JVM entry point for {@link ChildJvmTest}: prints the environment ND4J sees and the backend it picked. */
public final class PrintBackendMain {

    private PrintBackendMain() {
    }

    /**
     * Prints two lines.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        System.out.println("env BACKEND_PRIORITY_CPU=" + System.getenv("BACKEND_PRIORITY_CPU")
                + " BACKEND_PRIORITY_GPU=" + System.getenv("BACKEND_PRIORITY_GPU"));
        System.out.println("backend " + RunningBackend.backendClass());
    }
}
