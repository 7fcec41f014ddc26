package dev.compressor.examples.smalltier.text;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A word-level vocabulary over {@link Tokenizer13a} tokens (case kept) with four reserved ids:
 * {@value #PAD} = 0, {@value #BOS} = 1, {@value #EOS} = 2, {@value #UNK} = 3; the other tokens follow
 * by descending count, ties in {@link String#compareTo} order, so the same sentences always give the
 * same ids. Saved as a UTF-8 text file with one token per line, line {@code i} (from 0) holding the
 * token of id {@code i}. Immutable and thread-safe.
 */
public final class Vocabulary {

    /** The padding token (id 0). */
    public static final String PAD = "<pad>";
    /** The start-of-sentence token (id 1), first decoder input. */
    public static final String BOS = "<s>";
    /** The end-of-sentence token (id 2), last decoder output. */
    public static final String EOS = "</s>";
    /** The unknown-token token (id 3). */
    public static final String UNK = "<unk>";
    /** Id of {@link #PAD}. */
    public static final int PAD_ID = 0;
    /** Id of {@link #BOS}. */
    public static final int BOS_ID = 1;
    /** Id of {@link #EOS}. */
    public static final int EOS_ID = 2;
    /** Id of {@link #UNK}. */
    public static final int UNK_ID = 3;

    private static final List<String> RESERVED = List.of(PAD, BOS, EOS, UNK);

    private final List<String> tokens;
    private final Map<String, Integer> ids;

    private Vocabulary(List<String> tokens) {
        this.tokens = List.copyOf(tokens);
        this.ids = new HashMap<>();
        for (int i = 0; i < this.tokens.size(); i++) {
            ids.put(this.tokens.get(i), i);
        }
    }

    /**
     * Builds a vocabulary from tokenized sentences (the training split only).
     *
     * @param sentences the tokenized sentences
     * @param minCount a token is kept if it occurs at least this often (at least 1)
     * @param maxSize the largest size including the four reserved tokens (at least 5)
     * @return the vocabulary
     */
    public static Vocabulary build(Iterable<List<String>> sentences, int minCount, int maxSize) {
        if (minCount < 1) {
            throw new IllegalArgumentException("minCount must be >= 1, got " + minCount);
        }
        if (maxSize < RESERVED.size() + 1) {
            throw new IllegalArgumentException("maxSize must be >= 5, got " + maxSize);
        }
        Map<String, Integer> counts = new HashMap<>();
        for (List<String> s : sentences) {
            for (String t : s) {
                if (!RESERVED.contains(t)) {
                    counts.merge(t, 1, Integer::sum);
                }
            }
        }
        List<Map.Entry<String, Integer>> kept = new ArrayList<>();
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (e.getValue() >= minCount) {
                kept.add(e);
            }
        }
        kept.sort((a, b) -> a.getValue().equals(b.getValue()) ? a.getKey().compareTo(b.getKey())
                : Integer.compare(b.getValue(), a.getValue()));
        List<String> tokens = new ArrayList<>(RESERVED);
        for (int i = 0; i < kept.size() && tokens.size() < maxSize; i++) {
            tokens.add(kept.get(i).getKey());
        }
        return new Vocabulary(tokens);
    }

    /**
     * Reads a vocabulary file written by {@link #write(Path)}.
     *
     * @param file the file
     * @return the vocabulary
     * @throws IOException if the file cannot be read, is not UTF-8, or is not a vocabulary (the message
     *                     names the file, the line and what is wrong)
     */
    public static Vocabulary read(Path file) throws IOException {
        return parse(Files.readAllBytes(file), file.toString());
    }

    /**
     * Parses the bytes of a vocabulary file written by {@link #write(Path)}.
     *
     * @param bytes the file's content
     * @param file the file's name, for messages (e.g. a path or a classpath resource)
     * @return the vocabulary
     * @throws IOException if the bytes are not UTF-8 or not a vocabulary (the message names the file,
     *                     the line and what is wrong)
     */
    static Vocabulary parse(byte[] bytes, String file) throws IOException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException(file + ": not UTF-8 text", e);
        }
        if (!text.endsWith("\n")) {
            throw new IOException(file + ": not a vocabulary file (empty or no final newline)");
        }
        String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        List<String> tokens = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < lines.length; i++) {
            String t = lines[i];
            if (t.isEmpty() || t.chars().anyMatch(Tokenizer13a::isPythonSpace)) {
                throw new IOException(file + " line " + (i + 1) + ": token is empty or has whitespace: '" + t + "'");
            }
            if (i < RESERVED.size() && !t.equals(RESERVED.get(i))) {
                throw new IOException(file + " line " + (i + 1) + ": expected reserved token " + RESERVED.get(i)
                        + ", got '" + t + "'");
            }
            if (!seen.add(t)) {
                throw new IOException(file + " line " + (i + 1) + ": duplicate token '" + t + "'");
            }
            tokens.add(t);
        }
        if (tokens.size() < RESERVED.size() + 1) {
            throw new IOException(file + ": " + tokens.size() + " tokens, a vocabulary has at least 5");
        }
        return new Vocabulary(tokens);
    }

    /**
     * Writes the vocabulary as UTF-8, one token per line.
     *
     * @param file the file (replaced if present)
     * @throws IOException if it cannot be written
     */
    public void write(Path file) throws IOException {
        Files.writeString(file, String.join("\n", tokens) + "\n", StandardCharsets.UTF_8);
    }

    /** Returns the number of tokens, reserved ones included. */
    public int size() {
        return tokens.size();
    }

    /**
     * Returns a token's id.
     *
     * @param token a token
     * @return its id, or {@link #UNK_ID} if it is not in the vocabulary
     */
    public int id(String token) {
        return ids.getOrDefault(Objects.requireNonNull(token, "token"), UNK_ID);
    }

    /**
     * Returns whether a token has its own id.
     *
     * @param token a token
     * @return true if {@link #id(String)} would not answer {@link #UNK_ID} for it (or it is {@value #UNK})
     */
    public boolean contains(String token) {
        return ids.containsKey(token);
    }

    /**
     * Returns the token of an id.
     *
     * @param id an id in {@code [0, size())}
     * @return the token
     */
    public String token(int id) {
        if (id < 0 || id >= tokens.size()) {
            throw new IllegalArgumentException("id must be in [0, " + tokens.size() + "), got " + id);
        }
        return tokens.get(id);
    }

    /**
     * Maps tokens to ids (unknown ones to {@link #UNK_ID}); adds no start or end token.
     *
     * @param sentence the tokens
     * @return the ids
     */
    public int[] encode(List<String> sentence) {
        int[] out = new int[sentence.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = id(sentence.get(i));
        }
        return out;
    }

    /** Returns all tokens in id order (an unmodifiable list). */
    public List<String> tokens() {
        return tokens;
    }
}
