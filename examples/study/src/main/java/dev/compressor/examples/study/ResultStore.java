package dev.compressor.examples.study;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only JSONL file of a sweep: one {@link CellRecord} per line, each line written, flushed
 * and fsynced before {@link #append} returns, so a run killed at any instant loses at most the cell
 * it was measuring. Opening reads the lines already there and cuts off a torn last line (one without
 * its line break, left by a kill mid-write), so appending resumes cleanly; unreadable complete lines
 * are skipped with a warning. One writer per file: opening takes an exclusive file lock.
 *
 * <p>A cell normally has one line. The exception is a retried failure: a successful record may be
 * appended after a failed one of the same cell, and then the success is the cell's record.
 *
 * <p>Thread-safe (methods are synchronized); not for two processes at once (the lock refuses).
 */
public final class ResultStore implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(ResultStore.class);

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final Map<String, CellRecord> records;

    private ResultStore(Path file, FileChannel channel, FileLock lock, Map<String, CellRecord> records) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.records = records;
    }

    /**
     * Opens (creating if needed) a store file, reading what it holds and truncating a torn last line.
     *
     * @param file the JSONL file; its folder is created if missing
     * @return the open store; close it to release the lock
     * @throws IOException if the file cannot be read or written, or another process holds it
     */
    public static ResultStore open(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock = RunLock.tryExclusive(ch);
        if (lock == null) {
            ch.close();
            throw new IOException("result file " + file + " is already open for writing by another store or process");
        }
        try {
            // Read through the locked channel: opening and closing a second descriptor on the file
            // (Files.readAllBytes) would release this process's lock on Linux (POSIX record locks
            // belong to the process and go with the first close), and another process could then
            // open the store while this one writes it.
            byte[] all = readAll(ch);
            Map<String, CellRecord> recs = new LinkedHashMap<>();
            long complete = parse(file, all, recs);
            if (complete < all.length) {
                LOG.warn("{}: dropping a torn last line of {} bytes (an interrupted write)", file, all.length - complete);
                ch.truncate(complete);
                ch.force(true);
            }
            ch.position(complete);
            return new ResultStore(file, ch, lock, recs);
        } catch (IOException | RuntimeException e) {
            lock.release();
            ch.close();
            throw e;
        }
    }

    /**
     * Reads a store file without opening it for writing: every complete, readable line; a torn last
     * line and unreadable lines are skipped. Of two lines of one cell the first is kept, unless it
     * failed and a later one succeeded.
     *
     * @param file the JSONL file
     * @return the records in file order, empty if the file does not exist
     * @throws IOException if the file cannot be read
     */
    public static List<CellRecord> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        Map<String, CellRecord> recs = new LinkedHashMap<>();
        parse(file, Files.readAllBytes(file), recs);
        return List.copyOf(recs.values());
    }

    private static byte[] readAll(FileChannel ch) throws IOException {
        long size = ch.size();
        if (size > Integer.MAX_VALUE - 8) {
            throw new IOException("result file too large to read: " + size + " bytes");
        }
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate((int) size);
        long pos = 0;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                break;
            }
            pos += n;
        }
        return java.util.Arrays.copyOf(buf.array(), buf.position());
    }

    /** Parses complete lines into {@code recs}; returns the byte length of the complete lines. */
    private static long parse(Path file, byte[] all, Map<String, CellRecord> recs) {
        int start = 0;
        int lineNo = 0;
        for (int i = 0; i < all.length; i++) {
            if (all[i] != '\n') {
                continue;
            }
            lineNo++;
            String line = new String(all, start, i - start, StandardCharsets.UTF_8).strip();
            start = i + 1;
            if (line.isEmpty()) {
                continue;
            }
            try {
                CellRecord r = CellRecord.fromJson(line);
                recs.merge(r.key().toString(), r, ResultStore::preferred);
            } catch (RuntimeException e) {
                LOG.warn("{} line {}: skipped, not a cell record ({})", file, lineNo, e.getMessage());
            }
        }
        return start;
    }

    /**
     * Merges shard files into one, keeping one record per cell: a successful record wins over a
     * failed one, otherwise the first seen (in argument order) wins. Appends to {@code output}'s
     * existing records the same way.
     *
     * @param inputs shard files, read with {@link #read(Path)}
     * @param output the merged file (may be one of the inputs' siblings, not one of the inputs)
     * @return the number of records the merged file holds
     * @throws IOException if a file cannot be read or written
     */
    public static int merge(List<Path> inputs, Path output) throws IOException {
        Map<String, CellRecord> best = new LinkedHashMap<>();
        for (CellRecord r : read(output)) {
            best.put(r.key().toString(), r);
        }
        for (Path in : inputs) {
            if (in.toAbsolutePath().normalize().equals(output.toAbsolutePath().normalize())) {
                throw new IllegalArgumentException("merge output " + output + " is also an input");
            }
            for (CellRecord r : read(in)) {
                best.merge(r.key().toString(), r, (old, now) -> old.failed() && !now.failed() ? now : old);
            }
        }
        Path tmp = output.resolveSibling(output.getFileName() + ".merging");
        StringBuilder b = new StringBuilder();
        for (CellRecord r : best.values()) {
            b.append(r.toJson()).append('\n');
        }
        Files.writeString(tmp, b, StandardCharsets.UTF_8);
        Files.move(tmp, output, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return best.size();
    }

    /** The record kept of two for one cell: a success (or not-applicable) over a failure, else the first. */
    private static CellRecord preferred(CellRecord first, CellRecord later) {
        return first.failed() && !later.failed() ? later : first;
    }

    /** Returns the file this store writes. */
    public Path file() {
        return file;
    }

    /**
     * Whether a record for the cell is present (successful or failed).
     *
     * @param key the cell
     * @return true if present
     */
    public synchronized boolean contains(CellKey key) {
        return records.containsKey(key.toString());
    }

    /**
     * Whether a record for the cell is present that did not fail (measured, or not applicable).
     *
     * @param key the cell
     * @return true if the cell's record did not fail
     */
    public synchronized boolean succeeded(CellKey key) {
        CellRecord r = records.get(key.toString());
        return r != null && !r.failed();
    }

    /** Returns the records present, in file order (a snapshot). */
    public synchronized List<CellRecord> records() {
        return List.copyOf(records.values());
    }

    /**
     * Appends one record as a line, then flushes and fsyncs. A record whose cell is already present is
     * not written, except a successful record over a failed one (a retry).
     *
     * @param record the record
     * @return true if written, false if its cell was already present (and not a retried failure)
     * @throws IOException if writing fails
     */
    public synchronized boolean append(CellRecord record) throws IOException {
        String k = record.key().toString();
        CellRecord present = records.get(k);
        if (present != null && (!present.failed() || record.failed())) {
            return false;
        }
        ByteBuffer buf = ByteBuffer.wrap((record.toJson() + "\n").getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
        channel.force(true);
        records.put(k, record);
        return true;
    }

    /** Releases the lock and closes the file. */
    @Override
    public synchronized void close() throws IOException {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } finally {
            channel.close();
        }
    }
}
