package io.clientele.operation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import java.util.Map;

/**
 * Writes a JSON tree as text, with two things Jackson will not write: raw tokens (numbers like
 * {@code 1e400}, nesting deeper than the parser allows) and duplicate keys. Lone surrogates are written
 * as {@code \\uXXXX} escapes, so the text stays valid UTF-8 while the decoded string keeps them.
 */
final class JsonText {
    /** A token written as is. */
    record Raw(String text) {}

    /** Field names starting with this are written without it (and a disambiguating suffix), making duplicates. */
    static final String DUPLICATE = "\u0002dup";

    private JsonText() {}

    static JsonNode raw(String text) {
        return new POJONode(new Raw(text));
    }

    /** A field of {@code object} that is written as another {@code name} key. */
    static void putDuplicate(ObjectNode object, String name, JsonNode value, int n) {
        object.set(DUPLICATE + n + ":" + name, value);
    }

    static String write(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(out, node);
        return out.toString();
    }

    private static void write(StringBuilder out, JsonNode node) {
        if (node instanceof POJONode pojo && pojo.getPojo() instanceof Raw raw) {
            out.append(raw.text());
        } else if (node.isObject()) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (!first) out.append(',');
                first = false;
                String name = field.getKey();
                if (name.startsWith(DUPLICATE)) name = name.substring(name.indexOf(':') + 1);
                string(out, name);
                out.append(':');
                write(out, field.getValue());
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) out.append(',');
                write(out, node.get(i));
            }
            out.append(']');
        } else if (node.isTextual()) {
            string(out, node.textValue());
        } else {
            out.append(node.toString());
        }
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean pairedHigh = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || (Character.isSurrogate(c) && !pairedHigh)) {
                out.append(String.format("\\u%04x", (int) c));
            } else if (pairedHigh) {
                out.append(c).append(s.charAt(++i));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}
