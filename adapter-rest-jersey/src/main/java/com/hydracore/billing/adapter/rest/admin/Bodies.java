package com.hydracore.billing.adapter.rest.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.hydracore.billing.adapter.rest.http.FieldReader;
import com.hydracore.billing.domain.validation.Checks;
import com.hydracore.billing.domain.validation.InvalidInputException;
import com.hydracore.billing.domain.validation.Violation;
import java.util.List;
import java.util.function.Supplier;

/**
 * Shared steps of decoding an admin body so that one 422 lists decoding and domain problems together. Problems are
 * thrown as {@link InvalidInputException} located relative to the body, so a body decoder also serves documents that
 * are not request bodies (the catalog file); resources locate them under {@code body}.
 */
final class Bodies {

    private Bodies() {
    }

    /** A reader of the document's fields; a document that is not an object is refused at once. */
    static FieldReader fields(JsonNode root, List<Violation> problems) {
        if (!FieldReader.isObject(root, List.of(), problems)) {
            throw new InvalidInputException(problems);
        }
        return new FieldReader(root, List.of(), problems);
    }

    /**
     * Builds the domain value (whose constructor checks the domain's rules) and returns it when nothing is wrong;
     * otherwise throws the decoding problems plus the domain's, each path once (see {@link Checks}). Fields that
     * failed to decode are passed to {@code construct} as harmless placeholders.
     */
    static <T> T build(List<Violation> problems, Supplier<T> construct) {
        return new Checks().addAll(problems).build(construct);
    }

    /** Throws the problems found so far, if any. */
    static void throwIfAny(List<Violation> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    /** {@code value}, or a placeholder when it failed to decode. */
    static String orPlaceholder(String value) {
        return value == null ? "-" : value;
    }

    /** {@code value}, or 0 when it failed to decode. */
    static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
