package dev.compressor.examples.smalltier.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The "13a" tokenizer of mteval-v13a.pl as sacreBLEU implements it ({@code tokenizer_13a.py} and
 * {@code tokenizer_re.py}, sacreBLEU 2.x), the default tokenizer of its BLEU.
 *
 * <p>Steps: remove {@code <skipped>}, join {@code -\n} line breaks, turn newlines into spaces,
 * unescape {@code &quot; &amp; &lt; &gt;}; then split off the punctuation characters
 * {@code { | } ~ [ \ ] ^ _ ` ! " # $ % & ( ) * + : ; < = > ? @ /}; split off a period or comma
 * unless it is both preceded and followed by a digit; split off a dash preceded by a digit; finally
 * split on whitespace (Python's {@code str.split()}, which counts Unicode spaces such as the
 * no-break space). Stateless and thread-safe.
 */
public final class Tokenizer13a {

    private static final Pattern PUNCT = Pattern.compile("([\\{-\\~\\[-\\` -\\&\\(-\\+\\:-\\@\\/])");
    private static final Pattern PERIOD_COMMA_AFTER_NON_DIGIT = Pattern.compile("([^0-9])([\\.,])");
    private static final Pattern PERIOD_COMMA_BEFORE_NON_DIGIT = Pattern.compile("([\\.,])([^0-9])");
    private static final Pattern DASH_AFTER_DIGIT = Pattern.compile("([0-9])(-)");

    /** Creates the tokenizer. */
    public Tokenizer13a() {
    }

    /**
     * Tokenizes one segment, as sacreBLEU's BLEU does before counting n-grams (after its
     * {@code rstrip()} of the segment).
     *
     * @param segment one line of text
     * @return the tokens, possibly none
     */
    public List<String> tokenize(String segment) {
        String line = rstrip(segment);
        line = line.replace("<skipped>", "").replace("-\n", "").replace("\n", " ");
        if (line.indexOf('&') >= 0) {
            line = line.replace("&quot;", "\"").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
        }
        line = " " + line + " ";
        line = PUNCT.matcher(line).replaceAll(" $1 ");
        line = PERIOD_COMMA_AFTER_NON_DIGIT.matcher(line).replaceAll("$1 $2 ");
        line = PERIOD_COMMA_BEFORE_NON_DIGIT.matcher(line).replaceAll(" $1 $2");
        line = DASH_AFTER_DIGIT.matcher(line).replaceAll("$1 $2 ");
        return splitPython(line);
    }

    /**
     * Returns the tokens joined by single spaces (sacreBLEU's tokenized form of the segment).
     *
     * @param segment one line of text
     * @return the tokenized line
     */
    public String tokenizeToString(String segment) {
        return String.join(" ", tokenize(segment));
    }

    static boolean isPythonSpace(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == 0x85;
    }

    private static String rstrip(String s) {
        int end = s.length();
        while (end > 0 && isPythonSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    private static List<String> splitPython(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && isPythonSpace(s.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isPythonSpace(s.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(s.substring(start, i));
            }
        }
        return out;
    }
}
