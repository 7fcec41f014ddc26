package dev.compressor.api.artifact;

import dev.compressor.api.encoding.CorruptTensorException;
import dev.compressor.api.encoding.TensorEncodings;
import dev.compressor.api.internal.ParameterMemory;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Decodes an artifact's tensors into a network's flat parameter vector: on the heap, one tensor
 * after the other, or off-heap, in parallel, largest tensor first. Stateless.
 */
final class ParameterDecoder {

    private ParameterDecoder() {
    }

    /** Decodes every tensor into a new heap array, after checking that the heap has room for it. */
    static float[] toHeap(CompressedModel m) throws ArtifactException {
        long needed = m.parameterCount() * Float.BYTES;
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (needed > free) {
            throw new ArtifactException(ArtifactException.Problem.LIMIT_EXCEEDED, "decoding " + m.parameterCount()
                    + " parameters needs " + needed + " bytes of heap, " + free + " are free (raise -Xmx)");
        }
        float[] flat = new float[Math.toIntExact(m.parameterCount())];
        TensorEncodings registry = TensorEncodings.installed();
        List<ArtifactTensor> tensors = m.tensors();
        for (int i = 0; i < tensors.size(); i++) {
            ArtifactTensor t = tensors.get(i);
            try {
                registry.decode(t.encodingId(), t.encodingVersion(), m.blob(i), t.info().layout(), flat,
                        (int) t.info().flatOffset());
            } catch (CorruptTensorException e) {
                throw corrupt(t, e);
            }
        }
        return flat;
    }

    /**
     * Decodes every tensor straight into an off-heap parameter vector: the preallocated one when
     * given (allocated and prefaulted for the model's parameter count), else a fresh one whose
     * pages are mapped from all cores first. The memory is released if decoding fails.
     */
    static INDArray offHeap(CompressedModel m, CompletableFuture<ParameterMemory> preallocated)
            throws ArtifactException {
        List<ArtifactTensor> tensors = m.tensors();
        if (tensors.stream().anyMatch(t -> t.info().length() > ParameterMemory.MAX_SLICE)) {
            release(preallocated);
            float[] flat = toHeap(m); // a tensor over 2 GiB: no NIO view spans it
            return Nd4j.createFromArray(flat).reshape(1, flat.length);
        }
        ParameterMemory memory = allocate(m.parameterCount(), preallocated);
        TensorEncodings registry = TensorEncodings.installed();
        List<Integer> largestFirst = IntStream.range(0, tensors.size()).boxed()
                .sorted(Comparator.comparingLong((Integer i) -> tensors.get(i).info().length()).reversed()).toList();
        try {
            largestFirst.parallelStream().forEach(i -> {
                ArtifactTensor t = tensors.get(i);
                try {
                    registry.decode(t.encodingId(), t.encodingVersion(), m.blob(i), t.info().layout(),
                            memory.slice(t.info().flatOffset(), t.info().length()));
                } catch (CorruptTensorException e) {
                    throw new UncheckedCorruption(t, e);
                }
            });
        } catch (UncheckedCorruption e) {
            memory.release();
            throw corrupt(e.tensor, (CorruptTensorException) e.getCause());
        }
        return memory.asRowVector();
    }

    private static ParameterMemory allocate(long parameterCount, CompletableFuture<ParameterMemory> preallocated)
            throws ArtifactException {
        try {
            if (preallocated != null) {
                return preallocated.join();
            }
            ParameterMemory memory = ParameterMemory.allocate(parameterCount);
            memory.prefault();
            return memory;
        } catch (OutOfMemoryError | CompletionException e) {
            Throwable cause = e instanceof CompletionException ? e.getCause() : e;
            throw new ArtifactException(ArtifactException.Problem.LIMIT_EXCEEDED, "cannot allocate "
                    + parameterCount * Float.BYTES + " bytes off-heap for " + parameterCount + " parameters ("
                    + cause + "; raise -Dorg.bytedeco.javacpp.maxbytes)", cause);
        }
    }

    /** Frees preallocated memory once its allocation completes; nothing if there is none. */
    static void release(CompletableFuture<ParameterMemory> preallocated) {
        if (preallocated != null) {
            preallocated.thenAccept(ParameterMemory::release);
        }
    }

    private static ArtifactException corrupt(ArtifactTensor t, CorruptTensorException e) {
        return new ArtifactException(ArtifactException.Problem.MALFORMED,
                "tensor '" + t.info().name() + "': " + e.getMessage(), e);
    }

    /** Carries a tensor's decoding failure out of a parallel stream. */
    private static final class UncheckedCorruption extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient ArtifactTensor tensor;

        UncheckedCorruption(ArtifactTensor tensor, CorruptTensorException cause) {
            super(cause);
            this.tensor = tensor;
        }
    }
}
