package com.hydracore.billing.adapter.rest.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hydracore.billing.domain.validation.UnicodeText;
import com.hydracore.billing.domain.validation.Violation;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a request body as JSON: at most {@value #MAX_BYTES} bytes (judged on the bytes received, so chunked bodies
 * are limited too, and never buffering more), into a Jackson tree rather than typed objects, so that every field
 * problem can be found and reported by the decoders instead of failing at the first one.
 */
public final class JsonBody {

    /** The largest body accepted: 2 MiB. */
    public static final int MAX_BYTES = 2 * 1024 * 1024;

    /**
     * The most {@code string_unicode} problems one 422 lists: a 2 MiB body of <code>"&#92;u0000",</code> would
     * otherwise be answered with some 20 MB.
     */
    static final int MAX_BAD_STRINGS = 1000;
    /**
     * The most JSON tokens (brackets, names, values) a body may hold: a full batch of 1000 events with every field
     * the contract names takes about 34,000. A tree costs memory per value, not per byte (2 MiB of {@code [{},{},…]}
     * is 700,000 objects, some 70 MB), so this, not the byte limit, bounds what parsing one body can take.
     */
    public static final long MAX_TOKENS = 65_536;

    // Request bodies only: its own factory, so the limit applies nowhere else.
    private static final JsonFactory BODIES = Json.mapper().getFactory().copy()
            .setStreamReadConstraints(StreamReadConstraints.builder().maxTokenCount(MAX_TOKENS).build());

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonBody() {
    }

    /**
     * A JSON number written with an exponent ({@code 1e-3}): kept apart because money must be written plainly.
     */
    public static final class ExponentNumber extends DecimalNode {

        private static final long serialVersionUID = 1L;

        ExponentNumber(BigDecimal value) {
            super(value);
        }
    }

    /**
     * The body's JSON, or empty when the body is empty.
     *
     * @throws ApiException 413 when the body is larger than {@value #MAX_BYTES} bytes
     * @throws RequestInvalidException 422 {@code json_invalid} when it is not JSON
     */
    public static Optional<JsonNode> read(InputStream body, HttpHeaders headers) {
        byte[] bytes = readLimited(body, headers);
        if (bytes.length == 0) {
            return Optional.empty();
        }
        return Optional.of(parse(bytes));
    }

    /** The body's JSON; an empty body is a 422 {@code missing} at {@code ["body"]}. */
    public static JsonNode required(InputStream body, HttpHeaders headers) {
        return read(body, headers).orElseThrow(() -> new RequestInvalidException(List.of(
                new Violation(List.of(RequestInvalidException.Location.BODY.wireName()), Violation.MISSING,
                        "Field required", null))));
    }

    static byte[] readLimited(InputStream body, HttpHeaders headers) {
        String declared = headers == null ? null : headers.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        int length = -1;
        if (declared != null) {
            try {
                long parsed = Long.parseLong(declared.trim());
                if (parsed > MAX_BYTES) {
                    throw tooLarge();
                }
                length = (int) parsed;
            } catch (NumberFormatException e) {
                // Grizzly refuses malformed lengths itself; the byte count below still applies
            }
        }
        if (body == null) {
            return new byte[0];
        }
        if (length >= 0) {
            return readDeclared(body, length);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        try {
            int read;
            while ((read = body.read(buffer, 0, Math.min(buffer.length, MAX_BYTES + 1 - out.size()))) > 0) {
                out.write(buffer, 0, read);
                if (out.size() > MAX_BYTES) {
                    throw tooLarge();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the request body", e);
        }
        return out.toByteArray();
    }

    /**
     * A body of a declared length (at most {@link #MAX_BYTES}: checked before), read into one array of that size:
     * growing a buffer by doubling allocated twice a batch's size in copies, the last one past half a heap region
     * (a humongous object, which G1 collects only in a pause of its own). The edge ({@code EdgeHandler}) has
     * buffered the whole body before the application runs, so the array is never more than what arrived. Grizzly
     * ends the stream at the declared length; a shorter stream yields what came.
     */
    private static byte[] readDeclared(InputStream body, int length) {
        try {
            byte[] bytes = new byte[length];
            int read = body.readNBytes(bytes, 0, length);
            return read == length ? bytes : Arrays.copyOf(bytes, read);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the request body", e);
        }
    }

    private static ApiException tooLarge() {
        // Closing the connection spares reading (and discarding) the rest of an oversized body.
        return new ApiException(413, "Request body too large: at most " + MAX_BYTES + " bytes (2 MiB)",
                Map.of("Connection", "close"));
    }

    static JsonNode parse(byte[] bytes) {
        int badByte = StrictUtf8.firstInvalid(bytes, 0, bytes.length);
        if (badByte >= 0) {
            // Jackson reads overlong forms (C1 81 as "A", C0 80 as NUL) and, seeing NUL bytes, UTF-16 or UTF-32:
            // a body is UTF-8, and no JSON text holds a raw NUL.
            throw invalid(badByte);
        }
        escapeLoneSurrogatesAsNul(bytes);
        List<Violation> badStrings = new ArrayList<>();
        try (JsonParser parser = BODIES.createParser(bytes)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw invalid(parser.currentLocation());
            }
            JsonNode root = value(parser, first, badStrings);
            if (parser.nextToken() != null) {
                throw invalid(parser.currentLocation());
            }
            if (!badStrings.isEmpty()) {
                throw RequestInvalidException.at(RequestInvalidException.Location.BODY, badStrings);
            }
            return root;
        } catch (StreamConstraintsException e) {
            throw new ApiException(413, "Request body too complex: at most " + MAX_TOKENS + " JSON tokens");
        } catch (JsonProcessingException e) {
            throw invalid(e.getLocation());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse the request body", e);
        }
    }

    private static JsonNode value(JsonParser parser, JsonToken token, List<Violation> badStrings) throws IOException {
        switch (token) {
            case START_OBJECT: {
                ObjectNode object = NODES.objectNode();
                JsonToken next;
                while ((next = parser.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    checkString(parser, name, badStrings); // keys too, even of fields no decoder reads
                    object.set(name, value(parser, parser.nextToken(), badStrings));
                }
                if (next != JsonToken.END_OBJECT) {
                    throw invalid(parser.currentLocation());
                }
                return object;
            }
            case START_ARRAY: {
                ArrayNode array = NODES.arrayNode();
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                    if (next == null) {
                        throw invalid(parser.currentLocation());
                    }
                    array.add(value(parser, next, badStrings));
                }
                return array;
            }
            case VALUE_STRING: {
                String text = parser.getText();
                checkString(parser, text, badStrings);
                return NODES.textNode(text);
            }
            case VALUE_NUMBER_INT:
                return NODES.numberNode(parser.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT: {
                String text = parser.getText();
                BigDecimal value = parser.getDecimalValue();
                return text.indexOf('e') >= 0 || text.indexOf('E') >= 0 ? new ExponentNumber(value)
                        : DecimalNode.valueOf(value); // as written: 1.50 keeps its scale
            }
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw invalid(parser.currentLocation());
        }
    }

    /**
     * Notes a string (value or key) that is not valid Unicode without NUL, where the parser stands: a JSON string
     * can escape what UTF-8 cannot encode (<code>"&#92;ud800"</code>, <code>"&#92;u0000"</code>). Its {@code input}
     * and every key in its {@code loc} are shown with such characters replaced by U+FFFD
     * ({@link UnicodeText#shown}), so that the 422 can itself be written as JSON: Jackson refuses to write a lone
     * surrogate.
     */
    private static void checkString(JsonParser parser, String text, List<Violation> badStrings) {
        if (UnicodeText.isValid(text) || badStrings.size() >= MAX_BAD_STRINGS) {
            return;
        }
        // Built from the parser's own context only now: nothing is tracked for the strings that are fine.
        ArrayDeque<Object> path = new ArrayDeque<>();
        for (JsonStreamContext at = parser.getParsingContext(); at != null && !at.inRoot(); at = at.getParent()) {
            path.addFirst(at.inArray() ? (Object) at.getCurrentIndex() : UnicodeText.shown(at.getCurrentName()));
        }
        badStrings.add(UnicodeText.violation(new ArrayList<>(path), text));
    }

    /**
     * Rewrites, in place, each <code>&#92;uXXXX</code> escape of a lone surrogate as <code>&#92;u0000</code>.
     * Jackson refuses a lone surrogate escaped in a key outright (a parse error, so {@code json_invalid}, and nothing
     * after it is read); as a NUL, which it reads in keys and values alike, it reaches {@link #checkString} and is
     * reported as {@code string_unicode} at its key's location, shown the same way. Same length, so every offset
     * holds.
     */
    static void escapeLoneSurrogatesAsNul(byte[] bytes) {
        for (int i = 0; i < bytes.length - 1; i++) {
            if (bytes[i] != '\\') {
                continue;
            }
            int unit = escapedUnit(bytes, i);
            if (unit < 0 || !Character.isSurrogate((char) unit)) {
                i++; // skips the escaped character: after an escaped backslash, a "u" starts no escape
                continue;
            }
            int next = escapedUnit(bytes, i + 6);
            if (Character.isHighSurrogate((char) unit) && next >= 0 && Character.isLowSurrogate((char) next)) {
                i += 11; // a pair: one valid character
                continue;
            }
            for (int k = i + 2; k < i + 6; k++) {
                bytes[k] = '0';
            }
            i += 5;
        }
    }

    // The UTF-16 unit that the backslash-u escape at bytes[at] writes, or -1 when there is none.
    private static int escapedUnit(byte[] bytes, int at) {
        if (at + 6 > bytes.length || bytes[at] != '\\' || bytes[at + 1] != 'u') {
            return -1;
        }
        int unit = 0;
        for (int k = at + 2; k < at + 6; k++) {
            int digit = Character.digit(bytes[k], 16);
            if (digit < 0) {
                return -1;
            }
            unit = unit << 4 | digit;
        }
        return unit;
    }

    private static RequestInvalidException invalid(long byteOffset) {
        return new RequestInvalidException(List.of(new Violation(
                List.of(RequestInvalidException.Location.BODY.wireName(), byteOffset),
                Violation.JSON_INVALID, "JSON decode error", Map.of())));
    }

    private static RequestInvalidException invalid(JsonLocation location) {
        long offset = location == null ? -1 : location.getCharOffset();
        if (offset < 0 && location != null) {
            offset = location.getByteOffset();
        }
        return new RequestInvalidException(List.of(new Violation(
                List.of(RequestInvalidException.Location.BODY.wireName(), Math.max(offset, 0)),
                Violation.JSON_INVALID, "JSON decode error", Map.of())));
    }
}
