package dev.compressor.jetson.tegrastats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A real executable standing in for {@code tegrastats}: a bash script that prints the given lines
 * in a loop, one every {@code --interval} milliseconds, records its arguments, and refuses
 * {@code --stop}/{@code --start}. It starts no long-lived child process (it waits with bash's
 * {@code read -t} on a private FIFO), like the real single-process tool.
 */
final class FakeTegrastats {

    final Path script;
    final Path argsFile;
    final Path printedFile;

    FakeTegrastats(Path dir, List<String> lines) throws IOException {
        Path linesFile = dir.resolve("lines.txt");
        argsFile = dir.resolve("args.txt");
        printedFile = dir.resolve("printed.txt");
        script = dir.resolve("tegrastats");
        Files.write(linesFile, lines);
        Files.writeString(script, """
                #!/bin/bash
                printf '%s\\n' "$*" >> '%ARGS%'
                interval=1000
                while [ $# -gt 0 ]; do
                  case "$1" in
                    --interval) interval=$2; shift 2 ;;
                    --stop|--start) echo "fake tegrastats: $1 must never be used by a library" >&2; exit 2 ;;
                    *) shift ;;
                  esac
                done
                secs=$(printf '%d.%03d' $((interval / 1000)) $((interval % 1000)))
                fifo="$(mktemp -u)"; mkfifo "$fifo"; exec 3<>"$fifo"; rm -f "$fifo"
                while true; do
                  while IFS= read -r line; do
                    printf '%s\\n' "$line"
                    printf 'x\\n' >> '%PRINTED%'
                    read -t "$secs" -u 3 || true
                  done < '%LINES%'
                done
                """.replace("%ARGS%", argsFile.toString()).replace("%PRINTED%", printedFile.toString())
                .replace("%LINES%", linesFile.toString()));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Lines printed so far. */
    long printed() throws IOException {
        return Files.exists(printedFile) ? Files.readAllLines(printedFile).size() : 0;
    }

    /** Waits (up to 20 s) until the fake has printed at least {@code n} lines. */
    void awaitPrinted(long n) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (printed() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("fake tegrastats printed only " + printed() + " lines");
            }
            Thread.sleep(20);
        }
    }

    /** Processes (anywhere on the machine) running this fake's script. */
    List<ProcessHandle> running() {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(c -> c.contains(script.toString())).orElse(false))
                .toList();
    }
}
