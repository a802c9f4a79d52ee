package org.contactpipeline.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.contactpipeline.stack.LocalStack;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Swagger UI at /docs works for a person in a real browser: headless Chromium (Debian's {@code
 * chromium} and {@code chromium-driver}) opens the page on the real stack, authorizes with the demo
 * token, runs "Try it out" on establish and reads the 200 answer and the contact ID on the page;
 * that answer must also conform to the document. The screenshot is kept at {@code
 * system-tests/target/browser/swagger-ui-establish.png}.
 *
 * <p>Skipped, with one line saying why, when Chromium or chromedriver is missing, unless {@code
 * -Dbrowser.required=true} (as {@code .ci/run} sets, after installing them) makes that a failure.
 * {@code CHROME_BIN} and {@code CHROMEDRIVER} override where they are looked for.
 */
class SwaggerUiBrowserIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final By ESTABLISH =
      By.xpath("//div[contains(@class,'opblock-post')][.//*[@data-path='/contacts/v1/establish']]");
  private static final String BEARER =
      "//div[contains(@class,'auth-container')][.//h4[contains(.,'bearer')]]";
  static final Path SCREENSHOT = Paths.get("target", "browser", "swagger-ui-establish.png");

  @Test
  @Timeout(180)
  void shouldAuthorizeWithTheDemoTokenAndEstablishAContactFromSwaggerUi() throws Exception {
    Optional<String> chromium = executable("CHROME_BIN", "/usr/bin/chromium");
    Optional<String> chromedriver = executable("CHROMEDRIVER", "/usr/bin/chromedriver");
    String missing =
        chromium.isEmpty() ? "chromium" : chromedriver.isEmpty() ? "chromedriver" : null;
    if (missing != null) {
      String line =
          "SwaggerUiBrowserIT skipped: no "
              + missing
              + " (apt-get install chromium chromium-driver; "
              + ".ci/run installs them)";
      if (Boolean.getBoolean("browser.required")) {
        throw new AssertionError(
            line.replace("skipped", "cannot run") + ", and browser.required is set");
      }
      System.out.println(line);
      Assumptions.abort(line);
    }
    LocalStack stack = TestStack.get();
    String key = "swagger-ui-" + UUID.randomUUID();
    Path profile = Files.createTempDirectory("swagger-ui-chromium");
    WebDriver browser = start(chromium.get(), chromedriver.get(), profile);
    try {
      WebDriverWait wait = new WebDriverWait(browser, WAIT);
      browser.get(stack.httpUrl() + "/docs");
      wait.until(ExpectedConditions.presenceOfElementLocated(ESTABLISH));
      authorizeBearer(browser, wait, "demo-token");

      WebElement establish = wait.until(ExpectedConditions.elementToBeClickable(ESTABLISH));
      establish.findElement(By.cssSelector(".opblock-summary-control")).click();
      clickable(wait, establish, ".try-out__btn").click();
      WebElement body = clickable(wait, establish, "textarea.body-param__text");
      body.clear();
      body.sendKeys("{\"contactKeys\": [\"" + key + "\"]}");
      clickable(wait, establish, "button.execute").click();

      By status = By.cssSelector(".live-responses-table .response .response-col_status");
      wait.until(ExpectedConditions.textToBePresentInElementLocated(status, "200"));
      By answer = By.cssSelector(".live-responses-table .response .response-col_description pre");
      wait.until(ExpectedConditions.textToBePresentInElementLocated(answer, key));
      JsonNode shown = Api.JSON.readTree(establish.findElement(answer).getText());
      JsonNode reference = shown.get(0).get("items").get(0).get("value").get("contactReference");
      assertThat(reference.get("contactKey").asText()).isEqualTo(key);
      assertThat(reference.get("contactID").asLong()).isPositive();
      OpenApiContract.get().requireConforms("POST", "/contacts/v1/establish", 200, shown);

      // The operation from its title down to the 200 answer, in one window.
      ((JavascriptExecutor) browser)
          .executeScript("arguments[0].scrollIntoView({block: 'start'});", establish);
      Files.createDirectories(SCREENSHOT.getParent());
      File shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
      Files.copy(shot.toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      browser.quit();
      try (java.util.stream.Stream<Path> files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
      }
    }
  }

  /**
   * A child of {@code parent} once it is shown and enabled: Swagger UI renders an operation's parts
   * only after it is expanded, so the lookup itself is retried until the deadline.
   */
  private static WebElement clickable(WebDriverWait wait, WebElement parent, String css) {
    return wait.until(
        browser -> {
          WebElement child = parent.findElement(By.cssSelector(css));
          return child.isDisplayed() && child.isEnabled() ? child : null;
        });
  }

  /**
   * Swagger UI's Authorize dialog: the bearer scheme's value, its own Authorize button, then Close.
   */
  private static void authorizeBearer(WebDriver browser, WebDriverWait wait, String token) {
    wait.until(
            ExpectedConditions.elementToBeClickable(
                By.cssSelector(".auth-wrapper button.authorize")))
        .click();
    wait.until(ExpectedConditions.elementToBeClickable(By.xpath(BEARER + "//input")))
        .sendKeys(token);
    browser
        .findElement(
            By.xpath(
                BEARER + "//button[contains(@class,'modal-btn') and contains(@class,'authorize')]"))
        .click();
    // Once authorized, the scheme shows Logout where Authorize was; Close leaves the dialog.
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.xpath(BEARER), "Logout"));
    browser.findElement(By.xpath(BEARER + "//button[contains(@class,'btn-done')]")).click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".modal-ux")));
  }

  /**
   * Headless Chromium that reaches nothing but this machine: every non-loopback request goes to a
   * proxy on a closed local port, and the browser's own background traffic is switched off.
   */
  private static WebDriver start(String chromium, String chromedriver, Path profile) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1280,2000",
        "--user-data-dir=" + profile,
        "--proxy-server=http://127.0.0.1:9",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--disable-default-apps",
        "--disable-domain-reliability",
        "--no-pings",
        "--disable-client-side-phishing-detection",
        "--metrics-recording-only");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(chromedriver))
            .usingAnyFreePort()
            .build();
    return new ChromeDriver(service, options);
  }

  private static Optional<String> executable(String variable, String fallback) {
    String path = System.getenv(variable) == null ? fallback : System.getenv(variable);
    return Files.isExecutable(Paths.get(path)) ? Optional.of(path) : Optional.empty();
  }
}
