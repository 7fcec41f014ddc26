package dev.compressor.examples.study;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;

/**
 * Reads the study's JSON (result-store lines, small-tier training records) through Gson's tree
 * model, strictly (RFC 8259: no comments, unquoted words or {@code NaN}), and takes typed fields
 * out of an object with the store's conventions: a missing or {@code null} number reads as
 * {@code -1} (integers) or {@code NaN} (decimals). Stateless and thread-safe.
 */
final class GsonFields {

    private static final TypeAdapter<JsonElement> TREE = new Gson().getAdapter(JsonElement.class);

    private GsonFields() {
    }

    /**
     * Parses text that must be exactly one JSON object (whitespace aside).
     *
     * @param text the JSON text
     * @param what what the object is, for the message, e.g. {@code "a cell record"}
     * @return the object
     * @throws IllegalArgumentException if the text is not valid JSON, has trailing characters or is
     *     not an object
     */
    static JsonObject parseObject(String text, String what) {
        JsonElement e;
        try {
            JsonReader reader = new JsonReader(new StringReader(text));
            reader.setLenient(false);
            e = TREE.read(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new IllegalArgumentException("bad JSON: trailing characters after " + what + ": "
                        + abbreviate(text));
            }
        } catch (IOException | JsonParseException | IllegalStateException ex) {
            throw new IllegalArgumentException("bad JSON (" + ex.getMessage() + "): " + abbreviate(text), ex);
        }
        if (e == null || !e.isJsonObject()) {
            throw new IllegalArgumentException(what + " is a JSON object, got: " + abbreviate(text));
        }
        return e.getAsJsonObject();
    }

    /** A required string field; throws {@link IllegalArgumentException} when missing or not a string. */
    static String str(JsonObject o, String k) {
        JsonElement v = o.get(k);
        if (v == null || !v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString()) {
            throw new IllegalArgumentException("field '" + k + "' missing or not a string: " + v);
        }
        return v.getAsString();
    }

    /** An optional string field: null when missing or {@code null}; a non-string is refused. */
    static String optStr(JsonObject o, String k) {
        JsonElement v = o.get(k);
        return v == null || v.isJsonNull() ? null : str(o, k);
    }

    /** An integer field, or {@code -1} when missing or not a number. */
    static long lng(JsonObject o, String k) {
        JsonElement v = o.get(k);
        return isNumber(v) ? v.getAsLong() : -1;
    }

    /** A decimal field, or {@code NaN} when missing, {@code null} or not a number. */
    static double dbl(JsonObject o, String k) {
        JsonElement v = o.get(k);
        return isNumber(v) ? v.getAsDouble() : Double.NaN;
    }

    /** A boolean field: true only for a JSON {@code true}. */
    static boolean bool(JsonObject o, String k) {
        JsonElement v = o.get(k);
        return v != null && v.isJsonPrimitive() && v.getAsJsonPrimitive().isBoolean() && v.getAsBoolean();
    }

    /** An optional object field: null when missing or {@code null}; a non-object is refused. */
    static JsonObject obj(JsonObject o, String k) {
        JsonElement v = o.get(k);
        if (v == null || v.isJsonNull()) {
            return null;
        }
        if (!v.isJsonObject()) {
            throw new IllegalArgumentException("field '" + k + "' is not an object: " + v);
        }
        return v.getAsJsonObject();
    }

    /**
     * A value as text: a string as it is, an integer literal as a {@code long} in decimal, any other
     * number as {@link Double#toString(double)} (so {@code 0.8700} reads {@code 0.87}), {@code null}
     * as {@code "null"}, anything else as its JSON.
     *
     * @param v a value, or null for a missing one
     * @return the text
     */
    static String text(JsonElement v) {
        if (v == null || v.isJsonNull()) {
            return "null";
        }
        if (v.isJsonPrimitive()) {
            JsonPrimitive p = v.getAsJsonPrimitive();
            if (p.isNumber()) {
                String literal = p.getAsString();
                boolean integral = literal.indexOf('.') < 0 && literal.indexOf('e') < 0 && literal.indexOf('E') < 0;
                return integral ? Long.toString(p.getAsLong()) : Double.toString(p.getAsDouble());
            }
            return p.getAsString();
        }
        return v.toString();
    }

    private static boolean isNumber(JsonElement v) {
        return v != null && v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber();
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
