package dev.compressor.examples.smalltier.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns catalog entries into clean sentence pairs: drops the header, untranslated and empty
 * entries, and every text that holds a placeholder (printf conversions such as {@code %s},
 * {@code %d}, {@code %1$s}, {@code %<PRIu64>}; {@code {0}}-style and {@code $VAR}/{@code ${VAR}}
 * substitutions) or markup ({@code <tags>}, {@code &entities;}), since a translation model cannot
 * learn them from so few examples and BLEU would reward copying them. A multi-line message is split
 * into line pairs when the original and the translation have the same number of non-blank lines
 * (gettext help texts are laid out line by line) and dropped otherwise. Whitespace is collapsed to
 * single spaces; pairs longer than a word limit on either side are dropped.
 *
 * <p>Immutable and thread-safe.
 */
public final class SentenceFilter {

    private static final Pattern PRINTF = Pattern.compile(
            "%(?:\\d+\\$)?[-+ #0']*(?:\\d+|\\*)?(?:\\.(?:\\d+|\\*))?(?:hh|ll|[hlLqjzt])?[diouxXeEfFgGaAcCsSpnm%]"
                    + "|%<[A-Za-z0-9_]+>");
    private static final Pattern SUBSTITUTION = Pattern.compile("\\{[^{}]*\\}|\\$\\{?[A-Za-z_0-9]");
    private static final Pattern MARKUP = Pattern.compile("<[A-Za-z/!?][^<>]*>|&(?:[A-Za-z]+|#\\d+);");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private final int maxWords;

    /**
     * Creates a filter.
     *
     * @param maxWords the most whitespace-separated words a kept source or target may have, at least 1
     */
    public SentenceFilter(int maxWords) {
        if (maxWords < 1) {
            throw new IllegalArgumentException("maxWords must be >= 1, got " + maxWords);
        }
        this.maxWords = maxWords;
    }

    /**
     * Returns the clean pairs of one catalog, in catalog order.
     *
     * @param catalog a parsed catalog
     * @return the kept pairs (possibly empty)
     */
    public List<SentencePair> pairs(MoCatalog catalog) {
        List<SentencePair> out = new ArrayList<>();
        for (MoEntry e : catalog.entries()) {
            if (e.isHeader()) {
                continue;
            }
            String[] src = nonBlankLines(e.original());
            String[] tgt = nonBlankLines(e.translation());
            if (src.length == 0 || src.length != tgt.length) {
                continue;
            }
            for (int i = 0; i < src.length; i++) {
                if (accepts(src[i]) && accepts(tgt[i])) {
                    out.add(new SentencePair(src[i], tgt[i], catalog.name()));
                }
            }
        }
        return out;
    }

    /**
     * Returns whether a single line of text is clean: not blank, no placeholder, no markup, at most
     * the word limit.
     *
     * @param text one line, whitespace already collapsed
     * @return true if the text may be used for training or testing
     */
    public boolean accepts(String text) {
        if (text.isBlank()) {
            return false;
        }
        if (hasPlaceholderOrMarkup(text)) {
            return false;
        }
        return text.split(" ").length <= maxWords;
    }

    /** Returns whether the text contains a placeholder or markup (the reason most entries are dropped). */
    static boolean hasPlaceholderOrMarkup(String text) {
        return PRINTF.matcher(text).find() || SUBSTITUTION.matcher(text).find() || MARKUP.matcher(text).find();
    }

    /**
     * Collapses runs of whitespace to one space and trims.
     *
     * @param text any text
     * @return the normalised text
     */
    public static String collapse(String text) {
        return SPACES.matcher(text).replaceAll(" ").strip();
    }

    private static String[] nonBlankLines(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            String c = collapse(line);
            if (!c.isEmpty()) {
                lines.add(c);
            }
        }
        return lines.toArray(new String[0]);
    }
}
