package com.hydracore.billing.adapter.rest.billing;

import com.fasterxml.jackson.core.JsonGenerator;
import com.hydracore.billing.adapter.rest.http.Json;
import com.hydracore.billing.domain.usage.DayUsage;
import com.hydracore.billing.domain.usage.UsageGrouping;
import com.hydracore.billing.domain.usage.UsageMeasures;
import com.hydracore.billing.domain.validation.InvalidInputException;
import com.hydracore.billing.domain.validation.Violation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * How the export writes its rows (API §5 Export): CSV (RFC 4180: a header row, CRLF after every record, a field
 * quoted when it holds a comma, a double quote, CR or LF, its quotes doubled; nothing else altered) or NDJSON (one
 * JSON object per line, LF). Columns in the contract's order: {@code date}, the group's key when grouped
 * ({@code instance_id} or {@code model}, an empty cell / {@code null} for events without a model), then the sums.
 */
enum ExportFormat {
    CSV("csv", "text/csv; charset=utf-8"),
    NDJSON("ndjson", "application/x-ndjson");

    private static final List<String> SUMS = List.of("tokens", "input_tokens", "output_tokens",
            "cached_input_tokens", "cache_write_tokens", "reasoning_tokens", "requests", "cost_usd");

    private final String wireName;
    private final String mediaType;

    ExportFormat(String wireName, String mediaType) {
        this.wireName = wireName;
        this.mediaType = mediaType;
    }

    /** The media type of the body, whatever the request's {@code Accept} says. */
    String mediaType() {
        return mediaType;
    }

    /** The file extension a download is named with. */
    String extension() {
        return wireName;
    }

    /**
     * The format a {@code format} parameter names: {@link #CSV} when absent.
     *
     * @throws InvalidInputException at {@code format} for anything else than {@code csv} or {@code ndjson}
     */
    static ExportFormat parse(String text) {
        if (text == null) {
            return CSV;
        }
        for (ExportFormat format : values()) {
            if (format.wireName.equals(text)) {
                return format;
            }
        }
        throw InvalidInputException.of(Violation.of("format", "literal_error", "Input should be 'csv' or 'ndjson'",
                text));
    }

    /** The column names, in order. */
    static List<String> columns(UsageGrouping grouping) {
        List<String> columns = new ArrayList<>(List.of("date"));
        switch (grouping) {
            case DAY_INSTANCE -> columns.add("instance_id");
            case DAY_MODEL -> columns.add("model");
            case DAY -> { }
        }
        columns.addAll(SUMS);
        return columns;
    }

    /** What comes before the rows: the CSV header row; nothing in NDJSON. */
    void writeHeader(Writer out, UsageGrouping grouping) throws IOException {
        if (this == CSV) {
            List<String> columns = columns(grouping);
            for (int i = 0; i < columns.size(); i++) {
                out.write(i == 0 ? "" : ",");
                out.write(columns.get(i));
            }
            out.write("\r\n");
        }
    }

    /** One row. */
    void writeRow(Writer out, UsageGrouping grouping, DayUsage row) throws IOException {
        UsageMeasures m = row.measures();
        if (this == CSV) {
            out.write(row.date().toString());
            if (grouping.isGrouped()) {
                out.write(',');
                out.write(csvField(row.key() == null ? "" : row.key()));
            }
            for (long value : new long[] {m.tokens(), m.inputTokens(), m.outputTokens(), m.cachedInputTokens(),
                    m.cacheWriteTokens(), m.reasoningTokens(), m.requests()}) {
                out.write(',');
                out.write(Long.toString(value));
            }
            out.write(',');
            out.write(m.cost().format());
            out.write("\r\n");
            return;
        }
        try (JsonGenerator json = Json.mapper().getFactory().createGenerator(new NonClosing(out))) {
            json.writeStartObject();
            json.writeStringField("date", row.date().toString());
            if (grouping == UsageGrouping.DAY_INSTANCE) {
                json.writeStringField("instance_id", row.key());
            } else if (grouping == UsageGrouping.DAY_MODEL) {
                json.writeStringField("model", row.key());
            }
            long[] values = {m.tokens(), m.inputTokens(), m.outputTokens(), m.cachedInputTokens(),
                    m.cacheWriteTokens(), m.reasoningTokens(), m.requests()};
            for (int i = 0; i < values.length; i++) {
                json.writeNumberField(SUMS.get(i), values[i]);
            }
            json.writeStringField("cost_usd", m.cost().format());
            json.writeEndObject();
        }
        out.write('\n');
    }

    /** A CSV field as RFC 4180 writes it: quoted, quotes doubled, when it holds a comma, a quote, CR or LF. */
    static String csvField(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\r') < 0 && value.indexOf('\n') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    /** The writer, its close left to the caller: a generator per row closes what it writes to. */
    private static final class NonClosing extends Writer {
        private final Writer out;

        NonClosing(Writer out) {
            this.out = out;
        }

        @Override
        public void write(char[] chars, int off, int len) throws IOException {
            out.write(chars, off, len);
        }

        @Override
        public void write(String text, int off, int len) throws IOException {
            out.write(text, off, len);
        }

        @Override
        public void flush() {
            // the caller flushes
        }

        @Override
        public void close() {
            // the caller closes
        }
    }

    /** Rethrows a write failure (the client went away) unchecked, for a row consumer. */
    static UncheckedIOException unchecked(IOException e) {
        return new UncheckedIOException(e);
    }
}
