package com.hydracore.billing.adapter.rest;

import static com.hydracore.billing.adapter.rest.UsageIngestionHttpTest.batch;
import static com.hydracore.billing.adapter.rest.UsageIngestionHttpTest.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 21 over HTTP: the token fields and their 422 locations, {@code by_model}, the chart's {@code tz} and
 * {@code model}, and the export (CSV per RFC 4180, NDJSON), each compared with a computation written here, event by
 * event, from the events sent (the wall-clock date of each zone: none of these zones moves across midnight).
 */
class TokenKindsHttpTest {

    private static final List<String> ZONES = List.of("UTC", "Asia/Kolkata", "Asia/Kathmandu", "America/New_York",
            "Europe/London");
    private static TestApi api;

    @BeforeAll
    static void start() {
        api = TestApi.start();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static HttpResponse<String> ingest(String body) {
        return api.post("/v1/usage/events", api.writerToken(), body);
    }

    private static List<String> problems(HttpResponse<String> response) {
        assertEquals(422, response.statusCode(), response.body());
        List<String> problems = new ArrayList<>();
        TestApi.json(response).get("detail").forEach(p -> problems.add(p.get("type").asText() + " " + p.get("loc")));
        return problems;
    }

    private static HttpResponse<String> get(String path, String accept) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(api.base.resolve(path))
                    .header("Authorization", "Bearer " + api.userToken("kinds")).GET();
            if (accept != null) {
                request.header("Accept", accept);
            }
            return api.http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String quoted(String text) {
        try {
            return new ObjectMapper().writeValueAsString(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- ingestion

    @Test
    void eachTokenRuleIsA422AtItsFieldUnderTheEventsIndexAndNothingIsStored() {
        String at = "[\"body\",\"events\",3,";
        String ok = event("rules", "ok");
        assertEquals(List.of("value_error " + at + "\"tokens\"]"), problems(ingest(batch(ok, ok, ok,
                event("rules", "x", "\"input_tokens\":100", "\"output_tokens\":20", "\"tokens\":100")))));
        assertEquals(List.of("missing " + at + "\"tokens\"]"), problems(ingest(batch(ok, ok, ok,
                event("rules", "x", "\"tokens\":<absent>", "\"cached_input_tokens\":0")))));
        assertEquals(List.of("value_error " + at + "\"cached_input_tokens\"]"), problems(ingest(batch(ok, ok, ok,
                event("rules", "x", "\"tokens\":<absent>", "\"input_tokens\":10", "\"cached_input_tokens\":11")))));
        assertEquals(List.of("value_error " + at + "\"cache_write_tokens\"]"), problems(ingest(batch(ok, ok, ok,
                event("rules", "x", "\"tokens\":<absent>", "\"input_tokens\":10", "\"cached_input_tokens\":6",
                        "\"cache_write_tokens\":5")))));
        assertEquals(List.of("value_error " + at + "\"reasoning_tokens\"]"), problems(ingest(batch(ok, ok, ok,
                event("rules", "x", "\"tokens\":<absent>", "\"output_tokens\":10", "\"reasoning_tokens\":11")))));
        assertEquals(List.of("greater_than_equal " + at + "\"output_tokens\"]"), problems(ingest(batch(ok, ok, ok,
                event("rules", "x", "\"tokens\":<absent>", "\"input_tokens\":1", "\"output_tokens\":-1")))));
        assertEquals(List.of("less_than_equal " + at + "\"tokens\"]"), problems(ingest(batch(ok, ok, ok,
                event("rules", "x", "\"tokens\":<absent>", "\"input_tokens\":1000000000000",
                        "\"output_tokens\":1")))));
        assertEquals(List.of("int_parsing " + at + "\"input_tokens\"]"), problems(ingest(batch(ok, ok, ok,
                event("rules", "x", "\"tokens\":<absent>", "\"input_tokens\":\"many\"")))));
        assertEquals(List.of("string_too_long " + at + "\"model\"]"), problems(ingest(batch(ok, ok, ok,
                event("rules", "x", "\"model\":\"" + "m".repeat(129) + "\"")))));
        assertEquals(List.of("string_too_short " + at + "\"model\"]"), problems(ingest(batch(ok, ok, ok,
                event("rules", "x", "\"model\":\"\"")))));
        assertEquals(0, TestApi.json(api.get("/v1/billing", api.userToken("rules"))).get("usage")
                .get("total_tokens").asLong(), "a refused batch stores nothing");
    }

    @Test
    void tokensLeftOutAreInputPlusOutputAndByModelSumsEveryKindWithNoModelLast() {
        assertEquals(200, ingest(batch(
                event("bym", "a", "\"tokens\":<absent>", "\"model\":\"gpt-4o\"", "\"input_tokens\":1000",
                        "\"output_tokens\":200", "\"cached_input_tokens\":600", "\"cache_write_tokens\":100",
                        "\"reasoning_tokens\":50", "\"cost_usd\":\"0.5\""),
                event("bym", "b", "\"tokens\":30", "\"model\":\"claude\"", "\"input_tokens\":10",
                        "\"output_tokens\":20"),
                event("bym", "c", "\"tokens\":30"))).statusCode());

        JsonNode byModel = TestApi.json(api.get("/v1/billing/usage", api.userToken("bym"))).get("by_model");
        assertEquals(3, byModel.size(), byModel.toString());
        assertEquals("{\"model\":\"gpt-4o\",\"total_tokens\":1200,\"input_tokens\":1000,\"output_tokens\":200,"
                + "\"cached_input_tokens\":600,\"cache_write_tokens\":100,\"reasoning_tokens\":50,"
                + "\"total_requests\":1,\"cost_usd\":\"0.50\"}", byModel.get(0).toString());
        assertEquals("claude", byModel.get(1).get("model").asText());
        assertTrue(byModel.get(2).get("model").isNull(), "no model is null, and last among equal totals");
        assertEquals(30, byModel.get(2).get("total_tokens").asLong());
        assertEquals(1260, TestApi.json(api.get("/v1/billing", api.userToken("bym"))).get("usage")
                .get("total_tokens").asLong());
    }

    // ---------------------------------------------------------------- chart and export against the events

    private record Sent(String instance, String model, Instant at, long input, long output, long cached,
                        long written, long reasoning, long requests, long costMicros) {
        long tokens() {
            return input + output;
        }
    }

    private static final List<Sent> SENT = new ArrayList<>();

    /** Random events over the accepted window (35 days back), across both European and American DST ends. */
    private static synchronized List<Sent> sent() {
        if (!SENT.isEmpty()) {
            return SENT;
        }
        Random random = new Random(2121);
        Instant earliest = Instant.parse("2026-10-20T10:00:00Z");
        String[] instances = {"bot,1", "bot\"2\"", "plain"};
        String[] models = {"gpt-4o", "claude, sonnet", null};
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            long input = random.nextInt(1000);
            long output = random.nextInt(300);
            Sent s = new Sent(instances[random.nextInt(3)], models[random.nextInt(3)],
                    earliest.plusSeconds(random.nextInt(35 * 86_400 - 4000)), input, output, input / 3, input / 4,
                    output / 2, 1 + random.nextInt(3), random.nextInt(5000));
            SENT.add(s);
            List<String> fields = new ArrayList<>(List.of("\"tokens\":<absent>",
                    "\"instance_id\":" + quoted(s.instance), "\"occurred_at\":\"" + s.at + "\"",
                    "\"input_tokens\":" + input, "\"output_tokens\":" + output, "\"cached_input_tokens\":" + s.cached,
                    "\"cache_write_tokens\":" + s.written, "\"reasoning_tokens\":" + s.reasoning,
                    "\"requests\":" + s.requests, "\"cost_usd\":\"" + BigDecimal.valueOf(s.costMicros, 6) + "\""));
            if (s.model != null) {
                fields.add("\"model\":" + quoted(s.model));
            }
            events.add(event("kinds", "e" + i, fields.toArray(String[]::new)));
        }
        assertEquals(200, ingest(batch(events.toArray(String[]::new))).statusCode());
        return SENT;
    }

    /** date → key → the eight sums, computed here from the events sent. */
    private static Map<String, Map<String, long[]>> expected(String zone, String grouping, LocalDate from,
                                                             LocalDate to, String model) {
        Map<String, Map<String, long[]>> rows = new TreeMap<>();
        for (Sent s : sent()) {
            LocalDate date = LocalDateTime.ofInstant(s.at, ZoneId.of(zone)).toLocalDate();
            if (date.isBefore(from) || date.isAfter(to) || (model != null && !model.equals(s.model))) {
                continue;
            }
            String key = switch (grouping) {
                case "day,instance" -> s.instance;
                case "day,model" -> String.valueOf(s.model);
                default -> "";
            };
            long[] sums = rows.computeIfAbsent(date.toString(), d -> new TreeMap<>())
                    .computeIfAbsent(key, k -> new long[8]);
            long[] add = {s.tokens(), s.input, s.output, s.cached, s.written, s.reasoning, s.requests, s.costMicros};
            for (int i = 0; i < 8; i++) {
                sums[i] += add[i];
            }
        }
        return rows;
    }

    @Test
    void theChartInAnyZoneAndOfOneModelEqualsTheEventsSummedOverThatZonesDays() {
        sent();
        for (String zone : ZONES) {
            for (String model : new String[] {null, "claude, sonnet"}) {
                String path = "/v1/billing/usage/chart?days=36&tz=" + q(zone)
                        + (model == null ? "" : "&model=" + q(model));
                JsonNode points = TestApi.json(api.get(path, api.userToken("kinds"))).get("points");
                LocalDate today = LocalDateTime.ofInstant(Instant.parse(TestApi.START), ZoneId.of(zone))
                        .toLocalDate();
                Map<String, Map<String, long[]>> expected = expected(zone, "day", today.minusDays(35), today, model);
                assertEquals(36, points.size());
                for (int i = 0; i < 36; i++) {
                    JsonNode point = points.get(i);
                    String date = today.minusDays(35 - i).toString();
                    long[] sums = expected.getOrDefault(date, Map.of()).getOrDefault("", new long[8]);
                    String where = zone + " " + model + " " + date;
                    assertEquals(date, point.get("date").asText(), where);
                    assertEquals(sums[0], point.get("tokens").asLong(), where);
                    assertEquals(sums[6], point.get("requests").asLong(), where);
                    assertEquals(new BigDecimal(BigDecimal.valueOf(sums[7], 6).toPlainString()).compareTo(
                            new BigDecimal(point.get("cost_usd").asText())), 0, where);
                }
            }
        }
    }

    @Test
    void theExportInEveryZoneAndGroupingEqualsTheEventsSummedOverThatZonesDays() {
        sent();
        LocalDate from = LocalDate.parse("2026-10-20");
        LocalDate to = LocalDate.parse("2026-11-24");
        for (String zone : ZONES) {
            for (String grouping : List.of("day", "day,instance", "day,model")) {
                HttpResponse<String> response = get("/v1/billing/usage/export?from=" + from + "&to=" + to
                        + "&tz=" + q(zone) + "&group_by=" + q(grouping) + "&format=ndjson", null);
                assertEquals(200, response.statusCode(), response.body());
                assertEquals("application/x-ndjson", response.headers().firstValue("Content-Type").orElseThrow());
                Map<String, Map<String, long[]>> expected = expected(zone, grouping, from, to, null);
                List<String> want = new ArrayList<>();
                for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                    Map<String, long[]> groups = expected.getOrDefault(d.toString(), Map.of());
                    if (grouping.equals("day")) {
                        want.add(line(d, null, null, groups.getOrDefault("", new long[8])));
                        continue;
                    }
                    String column = grouping.equals("day,model") ? "model" : "instance_id";
                    List<String> keys = new ArrayList<>(groups.keySet());
                    keys.sort((a, b) -> a.equals("null") ? 1 : b.equals("null") ? -1 : a.compareTo(b));
                    for (String key : keys) {
                        want.add(line(d, column, key.equals("null") && column.equals("model") ? null : key,
                                groups.get(key)));
                    }
                }
                assertEquals(String.join("\n", want) + "\n", response.body(), zone + " by " + grouping);
            }
        }
    }

    private static String line(LocalDate date, String column, String key, long[] s) {
        StringBuilder json = new StringBuilder("{\"date\":\"" + date + "\"");
        if (column != null) {
            json.append(",\"").append(column).append("\":").append(key == null ? "null" : quoted(key));
        }
        String[] names = {"tokens", "input_tokens", "output_tokens", "cached_input_tokens", "cache_write_tokens",
                "reasoning_tokens", "requests"};
        for (int i = 0; i < names.length; i++) {
            json.append(",\"").append(names[i]).append("\":").append(s[i]);
        }
        BigDecimal cost = BigDecimal.valueOf(s[7], 6).stripTrailingZeros();
        cost = cost.scale() < 2 ? cost.setScale(2) : cost;
        return json.append(",\"cost_usd\":\"").append(cost.toPlainString()).append("\"}").toString();
    }

    @Test
    void theCsvHasAHeaderRowCrlfAndQuotesFieldsWithCommasAndQuotesWhateverAcceptSays() {
        sent();
        HttpResponse<String> response = get("/v1/billing/usage/export?from=2026-10-20&to=2026-11-24"
                + "&group_by=day,instance", "application/json");
        assertEquals(200, response.statusCode(), response.body());
        // Grizzly writes the parameter without the optional space: "text/csv;charset=utf-8"
        assertEquals("text/csv;charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow()
                .replace(" ", "").toLowerCase(java.util.Locale.ROOT));
        String[] lines = response.body().split("\r\n", -1);
        assertEquals("date,instance_id,tokens,input_tokens,output_tokens,cached_input_tokens,cache_write_tokens,"
                + "reasoning_tokens,requests,cost_usd", lines[0]);
        assertEquals("", lines[lines.length - 1], "every record ends with CRLF");
        assertTrue(response.body().contains(",\"bot,1\",") && response.body().contains(",\"bot\"\"2\"\"\","),
                "fields with a comma or a quote are quoted, quotes doubled");
        Map<String, Map<String, long[]>> expected = expected("UTC", "day,instance", LocalDate.parse("2026-10-20"),
                LocalDate.parse("2026-11-24"), null);
        assertEquals(expected.values().stream().mapToInt(Map::size).sum(), lines.length - 2,
                "one record per day and instance with usage");

        HttpResponse<String> byDay = get("/v1/billing/usage/export?from=2026-01-01&to=2026-01-03&tz=Asia/Kolkata",
                null);
        assertEquals("date,tokens,input_tokens,output_tokens,cached_input_tokens,cache_write_tokens,reasoning_tokens,"
                + "requests,cost_usd\r\n2026-01-01,0,0,0,0,0,0,0,0.00\r\n2026-01-02,0,0,0,0,0,0,0,0.00\r\n"
                + "2026-01-03,0,0,0,0,0,0,0,0.00\r\n", byDay.body(), "by day, zero-filled");
        assertTrue(byDay.headers().firstValue("Content-Disposition").orElseThrow().contains("attachment"));
    }

    @Test
    void badChartAndExportParametersAre422AtTheirQueryLocations() {
        assertEquals(List.of("value_error [\"query\",\"tz\"]"),
                problems(get("/v1/billing/usage/chart?tz=Mars/Olympus", null)));
        assertEquals(List.of("string_too_long [\"query\",\"model\"]"),
                problems(get("/v1/billing/usage/chart?model=" + "m".repeat(129), null)));
        assertEquals(List.of("missing [\"query\",\"from\"]", "missing [\"query\",\"to\"]"),
                problems(get("/v1/billing/usage/export", null)));
        assertEquals(List.of("greater_than_equal [\"query\",\"to\"]"),
                problems(get("/v1/billing/usage/export?from=2026-02-02&to=2026-02-01", null)));
        assertEquals(List.of("less_than_equal [\"query\",\"to\"]"),
                problems(get("/v1/billing/usage/export?from=2025-01-01&to=2026-01-02", null)));
        assertEquals(200, get("/v1/billing/usage/export?from=2024-01-01&to=2024-12-31", null).statusCode(),
                "366 days");
        assertEquals(List.of("date_parsing [\"query\",\"from\"]", "value_error [\"query\",\"tz\"]",
                        "literal_error [\"query\",\"group_by\"]", "literal_error [\"query\",\"format\"]"),
                problems(get("/v1/billing/usage/export?from=2026-02-30&to=2026-03-01&tz=Nowhere&group_by=week"
                        + "&format=xlsx", null)));
    }

    @Test
    void openApiDescribesTheExportAndTheChartsNewParameters() {
        JsonNode paths = TestApi.json(api.get("/openapi.json", null)).get("paths");
        List<String> export = new ArrayList<>();
        paths.get("/v1/billing/usage/export").get("get").get("parameters").forEach(p -> export.add(p.get("name")
                .asText()));
        assertEquals(List.of("from", "to", "group_by", "tz", "format"), export);
        List<String> chart = new ArrayList<>();
        paths.get("/v1/billing/usage/chart").get("get").get("parameters").forEach(p -> chart.add(p.get("name")
                .asText()));
        assertTrue(chart.containsAll(List.of("days", "instance_id", "model", "tz")), chart.toString());
        assertTrue(paths.get("/v1/usage/events").toString().contains("UsageEventBatch"));
    }
}
