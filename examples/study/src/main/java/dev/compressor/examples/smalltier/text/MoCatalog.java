package dev.compressor.examples.smalltier.text;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed GNU gettext binary message catalog ({@code .mo}).
 *
 * <p>The format (GNU gettext manual, "The Format of GNU MO Files"): a 28-byte header of 32-bit words
 * in the file's byte order (magic {@code 0x950412de}, read either little- or big-endian, which fixes
 * the order), the revision (major 0 or 1 accepted), the number of strings N, the offsets of the
 * original and translation tables, and the size and offset of the hash table. Each table holds N
 * (length, offset) pairs; each string is {@code length} bytes followed by a NUL. An original holds
 * {@code context EOT msgid} when it has a context and {@code msgid NUL msgid_plural} when it has
 * plural forms; a translation holds its plural forms separated by NULs. Strings are decoded in the
 * charset named by the header entry ({@code Content-Type: text/plain; charset=...}), UTF-8 if none.
 *
 * <p>Every offset and length is checked against the file size and every string's NUL terminator is
 * checked, so that a truncated or malformed catalog fails with a {@link MoFormatException} naming
 * the field, instead of yielding garbage. Instances are immutable and thread-safe.
 */
public final class MoCatalog {

    /** The magic number, as read in the file's own byte order. */
    public static final int MAGIC = 0x950412de;

    private static final int HEADER_BYTES = 28;
    private static final Pattern CHARSET = Pattern.compile("charset=([A-Za-z0-9._:+-]+)");

    private final String name;
    private final int revision;
    private final Charset charset;
    private final List<MoEntry> entries;

    private MoCatalog(String name, int revision, Charset charset, List<MoEntry> entries) {
        this.name = name;
        this.revision = revision;
        this.charset = charset;
        this.entries = List.copyOf(entries);
    }

    /**
     * Reads and parses a catalog file.
     *
     * @param file the {@code .mo} file
     * @return the parsed catalog, named after the file
     * @throws MoFormatException if the file is not a well-formed catalog
     * @throws IOException if the file cannot be read
     */
    public static MoCatalog read(Path file) throws IOException {
        return parse(Files.readAllBytes(file), file.getFileName().toString());
    }

    /**
     * Parses a catalog held in memory.
     *
     * @param bytes the whole {@code .mo} file
     * @param name a name for messages (e.g. the file name)
     * @return the parsed catalog
     * @throws MoFormatException if the bytes are not a well-formed catalog
     */
    public static MoCatalog parse(byte[] bytes, String name) throws MoFormatException {
        if (bytes.length < HEADER_BYTES) {
            throw new MoFormatException(name + ": truncated: " + bytes.length
                    + " bytes, a .mo header needs " + HEADER_BYTES);
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (buf.getInt(0) != MAGIC) {
            buf.order(ByteOrder.BIG_ENDIAN);
            if (buf.getInt(0) != MAGIC) {
                throw new MoFormatException(name + ": not a .mo catalog: magic 0x"
                        + Integer.toHexString(buf.getInt(0)) + ", expected 0x950412de in either byte order");
            }
        }
        int revision = buf.getInt(4);
        if ((revision >>> 16) > 1) {
            throw new MoFormatException(name + ": unsupported major revision " + (revision >>> 16)
                    + " (revision 0x" + Integer.toHexString(revision) + "); 0 and 1 are supported");
        }
        long count = word(buf, 8);
        long originals = word(buf, 12);
        long translations = word(buf, 16);
        long hashSize = word(buf, 20);
        long hashOffset = word(buf, 24);
        checkTable(name, bytes.length, "original table", originals, count);
        checkTable(name, bytes.length, "translation table", translations, count);
        if (hashSize != 0 && hashOffset + hashSize * 4 > bytes.length) {
            throw new MoFormatException(name + ": hash table of " + hashSize + " entries at offset "
                    + hashOffset + " ends past the end of the file (" + bytes.length + " bytes)");
        }
        List<byte[]> rawOriginals = new ArrayList<>((int) count);
        List<byte[]> rawTranslations = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            rawOriginals.add(string(buf, name, "original", i, originals));
            rawTranslations.add(string(buf, name, "translation", i, translations));
        }
        Charset charset = charsetOf(name, rawOriginals, rawTranslations);
        List<MoEntry> entries = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            entries.add(entry(name, i, decode(name, i, charset, rawOriginals.get(i)),
                    decode(name, i, charset, rawTranslations.get(i))));
        }
        return new MoCatalog(name, revision, charset, entries);
    }

    /** Returns the catalog's name (e.g. its file name). */
    public String name() {
        return name;
    }

    /** Returns the format revision word as stored (major in the high 16 bits). */
    public int revision() {
        return revision;
    }

    /** Returns the charset the strings were decoded with. */
    public Charset charset() {
        return charset;
    }

    /** Returns all entries in file order (sorted by original, as gettext writes them), header included. */
    public List<MoEntry> entries() {
        return entries;
    }

    /** Returns the header entry's text (the translation of the empty msgid), or "" if there is none. */
    public String header() {
        for (MoEntry e : entries) {
            if (e.isHeader()) {
                return e.translation();
            }
        }
        return "";
    }

    private static long word(ByteBuffer buf, int offset) {
        return Integer.toUnsignedLong(buf.getInt(offset));
    }

    private static void checkTable(String name, int size, String what, long offset, long count)
            throws MoFormatException {
        if (offset + count * 8 > size) {
            throw new MoFormatException(name + ": " + what + " of " + count + " entries at offset " + offset
                    + " ends at byte " + (offset + count * 8) + ", past the end of the file (" + size + " bytes)");
        }
    }

    private static byte[] string(ByteBuffer buf, String name, String what, int index, long table)
            throws MoFormatException {
        int at = (int) (table + 8L * index);
        long length = word(buf, at);
        long offset = word(buf, at + 4);
        int size = buf.capacity();
        if (offset + length + 1 > size) {
            throw new MoFormatException(name + ": " + what + " string " + index + " (length " + length
                    + " at offset " + offset + ") ends past the end of the file (" + size + " bytes)");
        }
        if (buf.get((int) (offset + length)) != 0) {
            throw new MoFormatException(name + ": " + what + " string " + index + " (length " + length
                    + " at offset " + offset + ") is not NUL-terminated");
        }
        byte[] out = new byte[(int) length];
        buf.get((int) offset, out);
        return out;
    }

    private static Charset charsetOf(String name, List<byte[]> originals, List<byte[]> translations)
            throws MoFormatException {
        for (int i = 0; i < originals.size(); i++) {
            if (originals.get(i).length == 0) {
                Matcher m = CHARSET.matcher(new String(translations.get(i), StandardCharsets.ISO_8859_1));
                if (!m.find()) {
                    return StandardCharsets.UTF_8;
                }
                String cs = m.group(1);
                if (cs.equalsIgnoreCase("CHARSET")) {
                    return StandardCharsets.UTF_8; // the untranslated template placeholder
                }
                try {
                    return Charset.forName(cs);
                } catch (IllegalArgumentException e) {
                    throw new MoFormatException(name + ": header names an unknown charset '" + cs + "'", e);
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static String decode(String name, int index, Charset charset, byte[] raw) throws MoFormatException {
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw new MoFormatException(name + ": string " + index + " is not valid "
                    + charset.name().toLowerCase(Locale.ROOT), e);
        }
    }

    private static MoEntry entry(String name, int index, String original, String translation)
            throws MoFormatException {
        String context = null;
        int eot = original.indexOf('\u0004');
        if (eot >= 0) {
            context = original.substring(0, eot);
            original = original.substring(eot + 1);
        }
        String plural = null;
        int nul = original.indexOf('\0');
        if (nul >= 0) {
            plural = original.substring(nul + 1);
            original = original.substring(0, nul);
            if (plural.indexOf('\0') >= 0) {
                throw new MoFormatException(name + ": original string " + index
                        + " has more than one msgid_plural");
            }
        }
        List<String> forms = List.of(translation.split("\0", -1));
        return new MoEntry(context, original, plural, forms);
    }
}
