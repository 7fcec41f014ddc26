package dev.compressor.examples.study;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The claim of one {@link SweepRunner} on a result file for a whole run: an exclusive lock on a hidden
 * file beside it ({@code .<name>.run-lock}). The result file's own lock is held only by the worker
 * writing at the moment and is free between workers, so without this a second run on the same folder
 * would start workers that find the file locked. With it the second run fails at once, naming the
 * file. The lock file stays (empty) after the run; the lock itself goes with the process.
 */
final class RunLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Claims a result file for a run.
     *
     * @param resultFile the JSONL store the run writes
     * @return the claim; close it when the run ends
     * @throws IOException if another run holds it (the message names the file and the lock file), or
     *     the lock file cannot be created
     */
    static RunLock acquire(Path resultFile) throws IOException {
        Path abs = resultFile.toAbsolutePath();
        Path parent = abs.getParent();
        Files.createDirectories(parent);
        Path lockFile = parent.resolve("." + abs.getFileName() + ".run-lock");
        FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = tryExclusive(ch);
        if (lock == null) {
            ch.close();
            throw new IOException("another study run is writing " + resultFile + " (it holds " + lockFile
                    + "): wait for it to finish, stop it, or give this run another --out folder");
        }
        return new RunLock(ch, lock);
    }

    /**
     * An exclusive lock on the channel's file, or null if this JVM or another process holds one.
     *
     * @param ch an open, writable channel
     * @return the lock, or null
     * @throws IOException if locking fails for another reason
     */
    static FileLock tryExclusive(FileChannel ch) throws IOException {
        try {
            return ch.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
