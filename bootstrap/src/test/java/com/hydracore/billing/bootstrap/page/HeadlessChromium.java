package com.hydracore.billing.bootstrap.page;

import java.io.File;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Starts Debian's headless Chromium through its own chromedriver. Both paths are given explicitly, so Selenium
 * Manager never looks for (or downloads) a browser or a driver; they can be moved with the system properties
 * {@code billing.chromium} and {@code billing.chromedriver}.
 */
final class HeadlessChromium {

    static final String BROWSER = System.getProperty("billing.chromium", "/usr/bin/chromium");
    static final String DRIVER = System.getProperty("billing.chromedriver", "/usr/bin/chromedriver");

    // The test drives the browser over WebDriver only, never CDP; without this Selenium warns on every start that it
    // has no CDP bindings for the installed Chromium. Kept in a field: JUL holds loggers weakly.
    private static final Logger SELENIUM_CDP = quiet("org.openqa.selenium.devtools");
    private static final Logger SELENIUM_CHROMIUM = quiet("org.openqa.selenium.chromium");

    private HeadlessChromium() {
    }

    private static Logger quiet(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.SEVERE);
        return logger;
    }

    /** A new browser window of the given size, with an English locale so number formats are predictable. */
    static ChromeDriver start(int width, int height) {
        File browser = new File(BROWSER);
        File driver = new File(DRIVER);
        if (!browser.canExecute() || !driver.canExecute()) {
            throw new IllegalStateException("The billing page's browser test needs Chromium at " + BROWSER
                    + " and ChromeDriver at " + DRIVER + ": install them with"
                    + " `apt-get install -y chromium chromium-driver` (.ci/run does), or point the system properties"
                    + " billing.chromium and billing.chromedriver at them.");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser);
        options.addArguments(List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-extensions", "--no-first-run",
                "--hide-scrollbars", "--lang=en-US", "--window-size=" + width + "," + height));
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver)
                .usingAnyFreePort()
                // a zone at a half-hour offset, so the page's default (the browser's zone) is not UTC
                .withEnvironment(Map.of("TZ", "Asia/Kolkata"))
                .build();
        return new ChromeDriver(service, options);
    }
}
