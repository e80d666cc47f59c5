package org.chronolens.report;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium through its own chromedriver: nothing is downloaded, and the browser
 * is kept off the network (this machine's network is closed; a report loads nothing from it).
 * Where either is missing the calling test is skipped with the reason, never passed.
 */
public final class Chromium {

    private Chromium() {
    }

    public static ChromeDriver start(Path profile) {
        Path browser = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
        Path driver = Path.of(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver"));
        Assumptions.assumeTrue(Files.isExecutable(browser) && Files.isExecutable(driver),
                "browser test skipped: " + browser + " or " + driver + " is not installed (Debian: apt-get install "
                        + "chromium chromium-driver, which .ci/run does; or set CHROMIUM and CHROMEDRIVER)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--window-size=1280,1000", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driver.toString()))
                .withSilent(true).build();
        return new ChromeDriver(service, options);
    }
}
