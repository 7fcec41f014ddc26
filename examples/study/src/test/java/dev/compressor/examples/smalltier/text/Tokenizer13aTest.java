package dev.compressor.examples.smalltier.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected outputs worked out by hand from sacreBLEU's 13a regular expressions. */
class Tokenizer13aTest {

    private final Tokenizer13a t = new Tokenizer13a();

    @Test
    void splitsPunctuation() {
        assertEquals("Hello , world !", t.tokenizeToString("Hello, world!"));
        assertEquals("( a ) [ b ] { c } \" d \" : e ; f ? g @ h / i", t.tokenizeToString("(a)[b]{c}\"d\":e;f?g@h/i"));
    }

    @Test
    void keepsPeriodAndCommaBetweenDigits() {
        assertEquals("3.14 , 1,000 .", t.tokenizeToString("3.14, 1,000."));
        assertEquals("$ 5.00", t.tokenizeToString("$5.00"));
        assertEquals("e . g . foo", t.tokenizeToString("e.g. foo"));
    }

    @Test
    void splitsDashOnlyAfterADigit() {
        assertEquals("A-B 1 - 2", t.tokenizeToString("A-B 1-2"));
        assertEquals("it's well-known", t.tokenizeToString("it's well-known"));
    }

    @Test
    void unescapesEntitiesAndJoinsHyphenatedLineBreaks() {
        assertEquals("\" x \" & y < z >", t.tokenizeToString("&quot;x&quot; &amp; y &lt;z&gt;"));
        assertEquals("hyphenated word", t.tokenizeToString("hyphen-\nated word"));
        assertEquals("a b", t.tokenizeToString("a<skipped>\nb"));
    }

    @Test
    void splitsOnUnicodeSpacesLikePython() {
        assertEquals(List.of("a", "b", "c"), t.tokenize("a\u00a0b\u3000c  \t\n"));
        assertEquals(List.of(), t.tokenize("   "));
        assertEquals(List.of("Übergröße", "."), t.tokenize("Übergröße."));
    }
}
