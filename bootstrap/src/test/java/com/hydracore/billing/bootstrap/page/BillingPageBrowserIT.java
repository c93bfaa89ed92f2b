package com.hydracore.billing.bootstrap.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hydracore.billing.adapter.rest.TokenMinter;
import com.hydracore.billing.application.testing.MutableClock;
import com.hydracore.billing.bootstrap.DemoData;
import com.hydracore.billing.bootstrap.RunningServer;
import com.hydracore.billing.bootstrap.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The billing page in a real headless Chromium against the real server (embedded database, demo data, a fixed
 * clock): what the page shows must be what the API says, to the micro-dollar.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BillingPageBrowserIT {

    private static final String SECRET = "page-" + UUID.randomUUID() + UUID.randomUUID();
    private static final String EXPIRED_ACCOUNT = "trial-ended";
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MutableClock clock = MutableClock.at("2026-03-15T12:00:00Z");
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Path dataDir;
    private RunningServer server;
    private ChromeDriver browser;
    private WebDriverWait wait;
    private String demoToken;
    private String expiredToken;

    @BeforeAll
    void startServerAndBrowser() throws IOException {
        dataDir = Files.createTempDirectory("billing-page");
        server = RunningServer.start(ServerConfig.fromEnvironment(Map.of(
                        "BILLING_PORT", "0",
                        "BILLING_HOST", "127.0.0.1",
                        "BILLING_DATA_DIR", dataDir.toString(),
                        "BILLING_JWT_SECRET", SECRET,
                        "BILLING_DEMO", "true",
                        "BILLING_SHUTDOWN_GRACE_SECONDS", "1")),
                clock, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        TokenMinter tokens = new TokenMinter(SECRET, clock);
        demoToken = tokens.mint(DemoData.ACCOUNT, Set.of(), Duration.ofHours(1));
        expiredToken = tokens.mint(EXPIRED_ACCOUNT, Set.of(), Duration.ofHours(1));
        seedAccountWhoseTrialEnded(tokens.mint("platform", Set.of("billing:admin", "usage:write"),
                Duration.ofHours(1)));

        browser = HeadlessChromium.start(1280, 1000);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    /**
     * Starter (2 instances, 200,000 tokens) started 20 days ago with its 14-day trial never paid: expired. Two active
     * instances fill the instance limit (red) and 170,000 tokens are 85 % of the allowance (amber).
     */
    private void seedAccountWhoseTrialEnded(String admin) {
        Instant now = clock.instant();
        JsonNode subscription = send("POST", "/v1/admin/accounts/" + EXPIRED_ACCOUNT + "/subscriptions", admin,
                "{\"tier_id\": \"tier_starter\", \"started_at\": \"" + now.minus(Duration.ofDays(20)) + "\"}", 201);
        assertEquals("expired", subscription.get("status").asText());
        for (String instance : List.of("bot-a", "bot-b")) {
            send("PUT", "/v1/admin/accounts/" + EXPIRED_ACCOUNT + "/instances/" + instance, admin,
                    "{\"name\": \"Bot " + instance.substring(4).toUpperCase(Locale.ROOT) + "\", \"status\": \"active\"}",
                    200);
        }
        send("POST", "/v1/usage/events", admin, """
                {"events": [
                  {"event_id": "a1", "account_id": "%1$s", "instance_id": "bot-a", "occurred_at": "%2$s",
                   "tokens": 120000, "requests": 40, "cost_usd": "1234.5678"},
                  {"event_id": "b1", "account_id": "%1$s", "instance_id": "bot-b", "occurred_at": "%2$s",
                   "tokens": 50000, "requests": 10, "cost_usd": "0.004"}
                ]}
                """.formatted(EXPIRED_ACCOUNT, now.minus(Duration.ofHours(3))), 200);
    }

    // ------------------------------------------------------------------------------------------------ scenarios

    @Test
    void everyNumberOnThePageIsTheApisNumberFormattedForPeople() throws IOException {
        openWithToken(demoToken);
        JsonNode billing = api("/v1/billing", demoToken);
        JsonNode plan = billing.get("plan");
        JsonNode usage = billing.get("usage");
        JsonNode breakdown = api("/v1/billing/usage", demoToken);
        JsonNode trial = api("/v1/billing/trial-status", demoToken);

        assertFalse(browser.getCurrentUrl().contains("token="), "the token is removed from the address bar");

        assertEquals(plan.get("plan_name").asText(), text("plan-name"));
        assertEquals(plan.get("product_name").asText(), text("product-name"));
        assertEquals(plan.get("status").asText(), value("plan-status"));
        assertEquals(plan.get("price_cents").asText(), value("plan-price"));
        assertEquals("$" + dollars(new BigDecimal(plan.get("price_cents").asLong()).movePointLeft(2)),
                text("plan-price"));
        assertEquals(plan.get("billing_cycle").asText(), value("billing-cycle"));
        assertEquals(plan.get("current_period_start").asText(), value("period-start"));
        assertEquals(plan.get("current_period_end").asText(), value("period-end"));

        for (String[] pair : new String[][] {
                {"total-tokens", "total_tokens"}, {"token-allowance", "token_allowance"},
                {"total-requests", "total_requests"}, {"api-call-limit", "api_call_limit"},
                {"active-instances", "active_instances"}, {"instance-limit", "instance_limit"},
                {"unique-end-users", "unique_end_users"}, {"conversation-limit", "conversation_limit"},
                {"webhost-nodes", "webhost_nodes"}, {"hosted-sites", "total_hosted_sites"},
                {"max-sites-per-node", "max_sites_per_node"}}) {
            long expected = usage.get(pair[1]).asLong();
            assertEquals(expected, Long.parseLong(value(pair[0])), pair[0]);
            assertEquals(grouped(expected), text(pair[0]), pair[0] + " is shown with thousands separators");
        }
        assertTrue(usage.get("total_tokens").asLong() >= 1_000, "the demo data has enough tokens to need a separator");

        BigDecimal platform = new BigDecimal(usage.get("platform_cost_usd").asText());
        BigDecimal total = new BigDecimal(usage.get("total_cost_usd").asText());
        assertMoney("platform-cost", platform);
        assertMoney("usage-cost", total.subtract(platform));
        assertMoney("total-cost", total);
        assertEquals(0, new BigDecimal(breakdown.get("token_usage_pct").asText())
                .compareTo(new BigDecimal(value("token-usage-pct"))));

        assertMeterLevel("meter-tokens", usage.get("total_tokens").asLong(), usage.get("token_allowance").asLong());
        assertMeterLevel("meter-requests", usage.get("total_requests").asLong(), usage.get("api_call_limit").asLong());
        assertMeterLevel("meter-instances", usage.get("active_instances").asLong(),
                usage.get("instance_limit").asLong());

        List<WebElement> rows = browser.findElements(By.cssSelector("[data-testid='instance-row']"));
        JsonNode byInstance = breakdown.get("by_instance");
        assertEquals(byInstance.size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            JsonNode expected = byInstance.get(i);
            WebElement row = rows.get(i);
            String id = expected.get("instance_id").asText();
            assertEquals(id, row.getDomAttribute("data-instance-id"), "rows keep the API's order");
            assertEquals(expected.get("instance_name").asText(), text(row, "instance-name"));
            assertEquals(expected.get("status").asText(), value(row, "instance-status"));
            assertEquals(expected.get("total_tokens").asLong(), Long.parseLong(value(row, "instance-tokens")), id);
            assertEquals(expected.get("total_requests").asLong(), Long.parseLong(value(row, "instance-requests")), id);
            BigDecimal cost = new BigDecimal(expected.get("cost_usd").asText());
            assertEquals(0, cost.compareTo(new BigDecimal(value(row, "instance-cost"))), id);
            assertEquals("$" + dollars(cost), row.findElement(By.cssSelector(
                    "[data-testid='instance-cost'] .money-text")).getText(), id);
            assertEquals(expected.get("unique_end_users").asLong(), Long.parseLong(value(row, "instance-end-users")));
            assertEquals(0, new BigDecimal(expected.get("token_share_pct").asText())
                    .compareTo(new BigDecimal(value(row, "instance-share"))), id);
        }

        JsonNode quota = api("/v1/billing/quota", demoToken);
        assertEquals(quota.get("limit_policy").asText(), value("quota-policy"));
        List<WebElement> quotaRows = browser.findElements(By.cssSelector("[data-testid='quota-row']"));
        assertEquals(4, quotaRows.size(), "every quota, conversations included");
        for (int i = 0; i < quotaRows.size(); i++) {
            JsonNode expected = quota.get("quotas").get(i);
            WebElement row = quotaRows.get(i);
            String metric = expected.get("metric").asText();
            assertEquals(metric, row.getDomAttribute("data-metric"), "rows keep the API's order");
            for (String[] pair : new String[][] {{"quota-used", "used"}, {"quota-reserved", "reserved"},
                    {"quota-limit", "limit"}, {"quota-remaining", "remaining"}}) {
                assertEquals(expected.get(pair[1]).asLong(), Long.parseLong(value(row, pair[0])), metric);
                assertEquals(grouped(expected.get(pair[1]).asLong()), text(row, pair[0]), metric);
            }
            assertEquals(0, new BigDecimal(expected.get("used_pct").asText())
                    .compareTo(new BigDecimal(value(row, "quota-pct"))), metric);
        }

        assertEquals("trialing", trial.get("status").asText());
        WebElement banner = testId("trial-banner");
        assertTrue(banner.isDisplayed());
        assertEquals("trialing", banner.getDomAttribute("data-kind"));
        assertEquals(trial.get("trial_days_remaining").asText(), value("trial-days-remaining"));
        assertEquals(trial.get("trial_days_remaining").asLong() + " days", text("trial-days-remaining"));
        assertFalse(testId("upgrade-link").isDisplayed(), "no upgrade call to action while the trial runs");

        assertOnlySameOriginRequests();
        screenshot("billing-page.png");
    }

    @Test
    void theChartHasOnePointPerDayAndRedrawsForSevenDaysAnInstanceAndNinetyDays() {
        openWithToken(demoToken);
        WebElement chart = testId("usage-chart");
        String zone = (String) browser.executeScript("return Intl.DateTimeFormat().resolvedOptions().timeZone");
        assertEquals(zone, chart.getDomAttribute("data-tz"), "the chart opens in the browser's time zone");
        String tz = "tz=" + URLEncoder.encode(zone, StandardCharsets.UTF_8);
        JsonNode thirty = api("/v1/billing/usage/chart?" + tz, demoToken).get("points");
        assertEquals(30, thirty.size(), "the API's default is 30 days");
        assertEquals("30", chart.getDomAttribute("data-points"));
        assertEquals(tokensOf(thirty), chartTokens(), "one bar per day, with the API's tokens");
        assertEquals(dates(thirty), chartTableDates(), "the table under the chart lists the same days");

        browser.findElement(By.cssSelector("label[for='days-7']")).click();
        waitForChart("7", "");
        JsonNode seven = api("/v1/billing/usage/chart?days=7&" + tz, demoToken).get("points");
        assertEquals(7, seven.size());
        assertEquals("7", chart.getDomAttribute("data-points"));
        assertEquals(tokensOf(seven), chartTokens());
        assertTrue(text("chart-label").replace("·", "").trim().startsWith("Last 7 days"));

        String instance = api("/v1/billing/usage", demoToken).get("by_instance").get(0).get("instance_id").asText();
        new Select(testId("instance-filter")).selectByValue(instance);
        waitForChart("7", instance);
        JsonNode oneInstance = api("/v1/billing/usage/chart?days=7&" + tz + "&instance_id=" + instance, demoToken)
                .get("points");
        assertEquals(tokensOf(oneInstance), chartTokens(), "the filter asks the API for that instance only");
        assertTrue(sum(oneInstance) < sum(seven), "one instance used less than all of them together");

        // Keyboard only: the range switch is a radio group, arrows move the choice.
        browser.executeScript("arguments[0].focus()", testId("days-7"));
        new Actions(browser).sendKeys(Keys.ARROW_RIGHT).sendKeys(Keys.ARROW_RIGHT).perform();
        waitForChart("90", instance);
        assertEquals("90", chart.getDomAttribute("data-points"));
        assertEquals(tokensOf(api("/v1/billing/usage/chart?days=90&" + tz + "&instance_id=" + instance, demoToken)
                .get("points")), chartTokens());
        new Select(testId("instance-filter")).selectByValue("");
        waitForChart("90", "");
    }

    @Test
    void usageByModelIsATableTheChartFiltersByModelAndTimeZoneAndTheCsvIsOfTheDaysShown() throws IOException {
        openWithToken(demoToken);
        JsonNode byModel = api("/v1/billing/usage", demoToken).get("by_model");
        List<WebElement> rows = browser.findElements(By.cssSelector("[data-testid='model-row']"));
        assertEquals(byModel.size(), rows.size(), "one row per model of by_model");
        for (int i = 0; i < rows.size(); i++) {
            JsonNode model = byModel.get(i);
            assertEquals(model.get("model").isNull() ? "" : model.get("model").asText(),
                    rows.get(i).getDomAttribute("data-model"), "in the API's order");
            assertEquals(model.get("total_tokens").asText(), value(rows.get(i), "model-tokens"));
            assertEquals(model.get("cached_input_tokens").asText(), value(rows.get(i), "model-cached-input"));
            assertEquals(model.get("reasoning_tokens").asText(), value(rows.get(i), "model-reasoning"));
        }

        new Select(testId("tz-filter")).selectByValue("Asia/Kathmandu");
        wait.until(driver -> "Asia/Kathmandu".equals(testId("usage-chart").getDomAttribute("data-tz"))
                && "ready".equals(testId("usage-chart").getDomAttribute("data-state")));
        String days = testId("usage-chart").getDomAttribute("data-days");
        JsonNode kathmandu = api("/v1/billing/usage/chart?days=" + days + "&tz=Asia/Kathmandu", demoToken)
                .get("points");
        assertEquals(tokensOf(kathmandu), chartTokens(), "the chart in the zone chosen");
        assertEquals(dates(kathmandu), chartTableDates());

        new Select(testId("model-filter")).selectByValue("claude-sonnet-4");
        wait.until(driver -> "claude-sonnet-4".equals(testId("usage-chart").getDomAttribute("data-model"))
                && "ready".equals(testId("usage-chart").getDomAttribute("data-state")));
        JsonNode oneModel = api("/v1/billing/usage/chart?days=" + days + "&tz=Asia/Kathmandu&model=claude-sonnet-4",
                demoToken).get("points");
        assertEquals(tokensOf(oneModel), chartTokens(), "the filter asks the API for that model only");
        assertTrue(sum(oneModel) < sum(kathmandu) && sum(oneModel) > 0, "one model used some, not all");

        String href = testId("download-csv").getDomAttribute("data-href");
        assertEquals("/v1/billing/usage/export?from=" + kathmandu.get(0).get("date").asText() + "&to="
                + kathmandu.get(kathmandu.size() - 1).get("date").asText()
                + "&tz=Asia%2FKathmandu&group_by=day%2Cmodel&format=csv", href, "the CSV of the days shown");
        HttpResponse<String> csv = http(href, demoToken);
        assertEquals(200, csv.statusCode());
        long claude = 0;
        for (String line : csv.body().split("\r\n")) {
            if (line.contains(",claude-sonnet-4,")) {
                claude += Long.parseLong(line.split(",")[2]);
            }
        }
        assertEquals(sum(oneModel), claude, "the file has the chart's numbers");
        screenshot("billing-page-models.png");
        new Select(testId("model-filter")).selectByValue("");
        String own = (String) browser.executeScript("return Intl.DateTimeFormat().resolvedOptions().timeZone");
        new Select(testId("tz-filter")).selectByValue(own);
        wait.until(driver -> own.equals(testId("usage-chart").getDomAttribute("data-tz"))
                && "".equals(testId("usage-chart").getDomAttribute("data-model"))
                && "ready".equals(testId("usage-chart").getDomAttribute("data-state")));
    }

    @Test
    void anExpiredTrialShowsTheUpgradeLinkAndFullMetersInAmberAndRed() throws IOException {
        openWithToken(expiredToken);
        JsonNode trial = api("/v1/billing/trial-status", expiredToken);
        JsonNode usage = api("/v1/billing", expiredToken).get("usage");
        assertTrue(trial.get("trial_expired").asBoolean());

        WebElement banner = testId("trial-banner");
        assertTrue(banner.isDisplayed());
        assertEquals("expired", banner.getDomAttribute("data-kind"));
        WebElement upgrade = testId("upgrade-link");
        assertTrue(upgrade.isDisplayed());
        assertEquals(trial.get("upgrade_url").asText(), upgrade.getDomAttribute("href"));
        assertEquals("expired", value("plan-status"));

        assertEquals(170_000, usage.get("total_tokens").asLong());
        assertEquals("warn", testId("meter-tokens").getDomAttribute("data-level"), "85 % of the allowance");
        assertEquals("over", testId("meter-instances").getDomAttribute("data-level"), "2 of 2 instances");
        assertEquals("ok", testId("meter-requests").getDomAttribute("data-level"));
        assertMoney("total-cost", new BigDecimal(usage.get("total_cost_usd").asText()));
        assertEquals("$1,234.57", text("total-cost").substring(0, "$1,234.57".length()),
                "thousands separator and cents, rounded half-up");
        screenshot("billing-page-trial-ended.png");
    }

    @Test
    void aRejectedTokenShowsAMessageAndThePasteBoxAndAPastedTokenIsRemembered() {
        openWithToken("not-a-token");
        WebElement message = wait.until(ExpectedConditions.visibilityOf(testId("error-message")));
        assertTrue(message.getText().contains("not accepted"), message.getText());
        assertTrue(testId("token-panel").isDisplayed());
        assertFalse(testId("dashboard").isDisplayed(), "no half-drawn page behind the message");
        WebElement input = testId("token-input");
        assertEquals(input, browser.switchTo().activeElement(), "the paste box has the focus");
        assertEquals("true", input.getDomAttribute("aria-invalid"));

        input.sendKeys(demoToken);
        testId("token-submit").click();
        waitForDashboard();
        assertFalse(testId("error-message").isDisplayed());

        browser.navigate().refresh();
        waitForDashboard();
        assertEquals("Pro", text("plan-name"), "the pasted token is kept for the tab's session");

        testId("change-token").click();
        assertTrue(testId("token-panel").isDisplayed());
        browser.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOf(testId("token-panel")));
        assertFalse(testId("dashboard").isDisplayed(), "a forgotten token stays forgotten");
    }

    @Test
    void onAPhoneWidthScreenNothingSticksOutSideways() throws IOException {
        browser.manage().window().setSize(new Dimension(375, 900));
        try {
            openWithToken(demoToken);
            Number pageWidth = (Number) browser.executeScript("return document.documentElement.scrollWidth");
            Number viewport = (Number) browser.executeScript("return document.documentElement.clientWidth");
            assertTrue(pageWidth.intValue() <= viewport.intValue(),
                    "page is " + pageWidth + " px wide in a " + viewport + " px viewport");
            assertTrue(testId("usage-chart").isDisplayed());
            screenshot("billing-page-375.png");
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 1000));
        }
    }

    // ------------------------------------------------------------------------------------------------ page helpers

    /** A fresh tab state (no stored token), then the page with {@code #token=…}. */
    private void openWithToken(String token) {
        browser.get(server.baseUri().resolve("billing/assets/app.css").toString());
        browser.executeScript("window.sessionStorage.clear()");
        browser.get(server.baseUri().resolve("billing") + "#token=" + token);
        wait.until(driver -> !busy()
                && (testId("dashboard").isDisplayed() || testId("token-panel").isDisplayed()));
        if (testId("dashboard").isDisplayed()) {
            waitForDashboard();
        }
    }

    private void waitForDashboard() {
        wait.until(ExpectedConditions.visibilityOf(testId("dashboard")));
        wait.until(driver -> "ready".equals(testId("usage-chart").getDomAttribute("data-state"))
                && !busy());
    }

    private void waitForChart(String days, String instance) {
        wait.until(driver -> {
            WebElement chart = testId("usage-chart");
            return "ready".equals(chart.getDomAttribute("data-state")) && days.equals(chart.getDomAttribute("data-days"))
                    && instance.equals(chart.getDomAttribute("data-instance"));
        });
    }

    private boolean busy() {
        return "true".equals(browser.findElement(By.tagName("main")).getDomAttribute("aria-busy"));
    }

    private WebElement testId(String id) {
        return browser.findElement(By.cssSelector("[data-testid='" + id + "']"));
    }

    private String text(String id) {
        return testId(id).getText().trim();
    }

    private String value(String id) {
        return testId(id).getDomAttribute("data-value");
    }

    private static String text(WebElement root, String id) {
        return root.findElement(By.cssSelector("[data-testid='" + id + "']")).getText().trim();
    }

    private static String value(WebElement root, String id) {
        WebElement element = root.getDomAttribute("data-testid").equals(id) ? root
                : root.findElement(By.cssSelector("[data-testid='" + id + "']"));
        return element.getDomAttribute("data-value");
    }

    /** Exact value in data-value and in the tooltip; cents, rounded half-up, with separators on screen. */
    private void assertMoney(String id, BigDecimal exact) {
        WebElement element = testId(id);
        assertEquals(0, exact.compareTo(new BigDecimal(element.getDomAttribute("data-value"))), id);
        BigDecimal plain = exact.stripTrailingZeros();
        plain = plain.setScale(Math.max(2, plain.scale()), RoundingMode.UNNECESSARY);
        assertEquals("Exact amount: $" + plain.toPlainString(), element.getDomAttribute("title"), id);
        String shown = element.findElement(By.className("money-text")).getText();
        assertEquals("$" + dollars(exact), shown, id);
    }

    private void assertMeterLevel(String id, long value, long limit) {
        BigDecimal pct = limit > 0 ? BigDecimal.valueOf(value * 100).divide(BigDecimal.valueOf(limit), 2,
                RoundingMode.HALF_UP) : BigDecimal.valueOf(value > 0 ? 100 : 0);
        String level = pct.compareTo(BigDecimal.valueOf(100)) >= 0 ? "over"
                : pct.compareTo(BigDecimal.valueOf(80)) >= 0 ? "warn" : "ok";
        WebElement meter = testId(id);
        assertEquals(level, meter.getDomAttribute("data-level"), id + " at " + pct + " %");
        WebElement bar = meter.findElement(By.cssSelector("[role='meter']"));
        assertEquals(String.valueOf(limit), bar.getDomAttribute("aria-valuemax"), id);
        assertEquals(String.valueOf(Math.min(value, limit)), bar.getDomAttribute("aria-valuenow"), id);
    }

    private List<Long> chartTokens() {
        Object data = browser.executeScript(
                "return Chart.getChart(document.getElementById('usage-canvas')).data.datasets[0].data");
        List<Long> tokens = new ArrayList<>();
        for (Object point : (List<?>) data) {
            tokens.add(((Number) point).longValue());
        }
        return tokens;
    }

    private List<String> chartTableDates() {
        List<String> dates = new ArrayList<>();
        for (WebElement row : browser.findElements(By.cssSelector("[data-testid='chart-rows'] tr"))) {
            dates.add(row.getDomAttribute("data-date"));
        }
        return dates;
    }

    /** Everything the page loaded came from the server under test: no CDN, no font service, no analytics. */
    private void assertOnlySameOriginRequests() {
        Object urls = browser.executeScript(
                "return performance.getEntriesByType('resource').map(function (e) { return e.name; })");
        String origin = server.baseUri().resolve("/").toString();
        List<?> loaded = (List<?>) urls;
        assertTrue(loaded.stream().anyMatch(url -> url.toString().endsWith("/billing/assets/chart.umd.js")),
                "Chart.js comes from the server: " + loaded);
        for (Object url : loaded) {
            assertTrue(url.toString().startsWith(origin), "request outside the server: " + url);
        }
    }

    /** A build artifact a person can look at: bootstrap/target/screenshots/. */
    private void screenshot(String name) throws IOException {
        Dimension before = browser.manage().window().getSize();
        Number height = (Number) browser.executeScript("return document.documentElement.scrollHeight");
        browser.manage().window().setSize(new Dimension(before.getWidth(), Math.min(height.intValue() + 40, 6000)));
        try {
            Path file = browser.getScreenshotAs(OutputType.FILE).toPath();
            Files.createDirectories(SCREENSHOTS);
            Files.copy(file, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        } finally {
            browser.manage().window().setSize(before);
        }
    }

    // ------------------------------------------------------------------------------------------------ API helpers

    private JsonNode api(String path, String token) {
        return send("GET", path, token, null, 200);
    }

    private HttpResponse<String> http(String path, String token) {
        try {
            return http.send(HttpRequest.newBuilder(server.baseUri().resolve(path)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode send(String method, String path, String token, String body, int expectedStatus) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.baseUri().resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(expectedStatus, response.statusCode(), method + " " + path + ": " + response.body());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<Long> tokensOf(JsonNode points) {
        List<Long> tokens = new ArrayList<>();
        points.forEach(point -> tokens.add(point.get("tokens").asLong()));
        return tokens;
    }

    private static List<String> dates(JsonNode points) {
        List<String> dates = new ArrayList<>();
        points.forEach(point -> dates.add(point.get("date").asText()));
        return dates;
    }

    private static long sum(JsonNode points) {
        return tokensOf(points).stream().mapToLong(Long::longValue).sum();
    }

    private static String grouped(long number) {
        return String.format(Locale.US, "%,d", number);
    }

    private static String dollars(BigDecimal amount) {
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.US));
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format.format(amount);
    }
}
