package com.hydracore.billing.adapter.rest.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hydracore.billing.domain.validation.Violation;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
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
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > MAX_BYTES) {
                    throw tooLarge();
                }
            } catch (NumberFormatException e) {
                // Grizzly refuses malformed lengths itself; the byte count below still applies
            }
        }
        if (body == null) {
            return new byte[0];
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

    private static ApiException tooLarge() {
        // Closing the connection spares reading (and discarding) the rest of an oversized body.
        return new ApiException(413, "Request body too large: at most " + MAX_BYTES + " bytes (2 MiB)",
                Map.of("Connection", "close"));
    }

    static JsonNode parse(byte[] bytes) {
        try (JsonParser parser = Json.mapper().getFactory().createParser(bytes)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw invalid(parser.currentLocation());
            }
            JsonNode root = value(parser, first);
            if (parser.nextToken() != null) {
                throw invalid(parser.currentLocation());
            }
            return root;
        } catch (JsonProcessingException e) {
            throw invalid(e.getLocation());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse the request body", e);
        }
    }

    private static JsonNode value(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT: {
                ObjectNode object = NODES.objectNode();
                JsonToken next;
                while ((next = parser.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    object.set(name, value(parser, parser.nextToken()));
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
                    array.add(value(parser, next));
                }
                return array;
            }
            case VALUE_STRING:
                return NODES.textNode(parser.getText());
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
