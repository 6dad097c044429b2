package ai.darwin.hitl;

import static org.assertj.core.api.Assertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import ai.darwin.events.DarwinEvent;
import ai.darwin.events.Envelope;
import ai.darwin.events.EventCodec;
import ai.darwin.events.hitl.ApprovalDecided;
import ai.darwin.events.hitl.ApprovalKind;
import ai.darwin.events.hitl.ApprovalRequested;
import ai.darwin.events.run.RunConfig;
import ai.darwin.events.run.RunRequested;
import ai.darwin.events.run.RunStarted;
import ai.darwin.events.training.TrainingProgress;
import ai.darwin.events.variant.ProgramFile;
import ai.darwin.hitl.messaging.EventConsumer;
import ai.darwin.hitl.messaging.EventPublisher;
import ai.darwin.platform.security.Roles;
import ai.darwin.testing.MongoServerResource;
import ai.darwin.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser: Debian's headless Chromium, driven by Selenium, against hitl-service fed the
 * events of a small scripted run. Skipped, saying so, where chromium or chromedriver is not installed
 * ({@code .ci/run} installs both). Screenshots go to {@code target/screenshots}.
 */
@QuarkusTest
@WithTestResource(InMemoryChannels.class)
@WithTestResource(MongoServerResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static WebDriver browser;

    @Inject
    @Any
    InMemoryConnector connector;

    @TestHTTPResource("/")
    URL root;

    @BeforeAll
    static void startChromium() {
        Optional<Path> chromium = onPath("chromium");
        Optional<Path> driver = onPath("chromedriver");
        Assumptions.assumeTrue(chromium.isPresent() && driver.isPresent(),
                "real-browser tests skipped: install Debian's chromium and chromium-driver (as .ci/run does)");
        ChromeOptions options = new ChromeOptions().setBinary(chromium.get().toFile())
                // a laptop's screen; --no-sandbox because CI runs as root in a container
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1366,860");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(driver.get().toFile())
                .build(), options);
    }

    @AfterAll
    static void quit() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theRunPagePlotsEveryTrainedVariantAndDrawsItsLineage() throws IOException {
        ScriptedRun run = deliver(new ScriptedRun("run-browser-plots"), true);
        open("/?token=" + TestTokens.of("vera", Roles.VIEWER) + "#/runs/" + run.runId);

        // baseline, a1, b1, b2 trained; a2 failed and b3 timed out; the verification's re-trainings are not plotted
        waitFor(By.cssSelector("#live.on"), 1);
        waitFor(By.cssSelector("#plot-valBitsPerByte circle.pt"), 4);
        // the scripted run's budget: both limits, whichever comes first
        assertThat(textOf(By.cssSelector("dl.facts"))).contains("100,000 tokens or 1m 00s, whichever comes first");
        assertThat(browser.findElements(By.cssSelector("#plot-mfu circle.pt"))).hasSize(4);
        assertThat(browser.findElements(By.cssSelector("#plot-tokensPerSecond circle.pt"))).hasSize(4);
        assertThat(browser.findElements(By.cssSelector("#plot-valBitsPerByte .band"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("svg.interval"))).hasSize(3);
        List<String> nodes = browser.findElements(By.cssSelector("#lineage g.node")).stream()
                .map(n -> n.getAttribute("data-variant")).toList();
        assertThat(nodes).containsExactlyInAnyOrder(run.seed, run.baseline, run.a1, run.a2, run.b1, run.b2, run.b3);
        assertThat(browser.findElement(By.cssSelector("#lineage g.node[data-variant='" + run.a2 + "']"))
                .getAttribute("data-outcome")).isEqualTo("FAILED");
        scrollTo(By.cssSelector("#plot-valBitsPerByte"));
        screenshot("run-page");

        // a click on a node opens its variant: the diff shows the changed line, added and removed
        browser.findElement(By.cssSelector("#lineage g.node[data-variant='" + run.a1 + "'] circle")).click();
        WebElement added = waitFor(By.cssSelector("pre.diff .added"), 2).get(0);
        assertThat(added.getText()).isEqualTo("+    lr = 5e-4;");
        assertThat(browser.findElement(By.cssSelector("pre.diff .removed")).getText()).isEqualTo("-    lr = 1e-3;");
        assertThat(browser.findElement(By.cssSelector("pre.program")).getText()).contains(run.a1);
        assertThat(textOf(By.cssSelector(".reasoning"))).startsWith("Halve the learning rate");
        // under the reasoning: the lessons its agent was given
        assertThat(browser.findElements(By.cssSelector(".lessons li")).stream().map(WebElement::getText).toList())
                .containsExactlyElementsOf(ScriptedRun.LESSONS);
        screenshot("variant-page");
    }

    @Test
    void aProgramOfTwoFilesShowsEachFileInItsTabAndEachFilesDiff() throws IOException {
        ScriptedRun run = deliver(new ScriptedRun("run-browser-files"), false);
        String split = run.runId + "-g1-split";
        send(run.twoFiles(split, List.of(new ProgramFile("model/Attention.java", ScriptedRun.ATTENTION))));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                given().get("/api/runs/" + run.runId + "/variants/" + split).statusCode() == 200);
        open("/?token=" + TestTokens.of("vera", Roles.VIEWER) + "#/runs/" + run.runId + "/variants/" + split);

        // the diff file by file, each under its path; the second file's lines are all added
        List<WebElement> files = waitFor(By.cssSelector("h3.file-path"), 2);
        assertThat(files).extracting(WebElement::getText)
                .containsExactly("Program.java", "model/Attention.java — added");
        WebElement secondDiff = files.get(1).findElement(By.xpath("ancestor::section[@class='file-diff']"));
        assertThat(secondDiff.findElements(By.cssSelector("pre.diff .added"))).extracting(WebElement::getText)
                .contains("+    static final int HEADS = 8;");
        assertThat(secondDiff.findElement(By.cssSelector("pre.diff .tok-keyword")).getText()).isEqualTo("package");

        // the program: the entry file's tab first and shown; the second file's tab shows that file
        List<WebElement> tabs = waitFor(By.cssSelector("button.file-tab"), 2);
        assertThat(tabs).extracting(WebElement::getText).containsExactly("Program.java (entry)", "model/Attention.java");
        assertThat(textOf(By.cssSelector("pre.program"))).contains("model.Attention attention");
        tabs.get(1).click();
        assertThat(textOf(By.cssSelector("pre.program"))).contains("public class Attention")
                .doesNotContain("model.Attention attention");
        assertThat(tabs.get(1).getAttribute("aria-selected")).isEqualTo("true");
        scrollTo(By.cssSelector("nav.file-tabs"));
        screenshot("two-file-variant");
    }

    @Test
    void aLearningCurveGrowsAsProgressIsPushedAndAFailureShowsItsTail() throws IOException {
        ScriptedRun run = deliver(new ScriptedRun("run-browser-live"), false);
        open("/?token=" + TestTokens.of("vera", Roles.VIEWER) + "#/runs/" + run.runId + "/variants/" + run.b1);
        waitFor(By.cssSelector("#plot-curve circle.pt"), 2);

        // pushed over server-sent events: the page is not reloaded
        send(new TrainingProgress(Envelope.of(run.runId), 1, run.b1, "worker-1", 160, 80_000, 2.2, 9000, 20, 0.8));
        waitFor(By.cssSelector("#plot-curve circle.pt"), 3);
        screenshot("live-curve");

        open("/#/runs/" + run.runId + "/variants/" + run.a2);
        assertThat(textOf(By.cssSelector("section.failure"))).contains("COMPILE_ERROR").contains("oops");
    }

    @Test
    void approvingARequestInTheBrowserPublishesTheDecision() throws IOException {
        ScriptedRun run = deliver(new ScriptedRun("run-browser-approval"), false);
        connector.sink(EventPublisher.APPROVALS).clear();
        send(new ApprovalRequested(Envelope.of(run.runId), "req-browser", ApprovalKind.MORE_BUDGET, "agent-1", run.b1,
                "maxTokens=200000, maxSeconds=120", "the loss is still falling when the budget ends"));
        // a viewer reads the request and the run, and is offered no control
        open("/?token=" + TestTokens.of("vera", Roles.VIEWER) + "#/runs/" + run.runId);
        WebElement asViewer = waitFor(By.cssSelector(".approval"), 1).get(0);
        assertThat(asViewer.getText()).contains("An approver or operator decides it.");
        assertThat(browser.findElements(By.xpath("//button")).stream().filter(WebElement::isDisplayed)).isEmpty();

        // an approver decides, but does not operate the run
        open("/?token=" + TestTokens.of("ada", Roles.APPROVER) + "#/runs/" + run.runId);
        WebElement request = waitFor(By.cssSelector(".approval button.primary"), 1).get(0)
                .findElement(By.xpath("ancestor::div[@class='approval']"));
        assertThat(request.getText()).contains("MORE_BUDGET").contains("asked by agent-1")
                .contains("maxTokens=200000, maxSeconds=120")
                .contains("the loss is still falling when the budget ends")
                .contains("trains every variant of this run with this budget from the next generation on");
        assertThat(request.findElement(By.cssSelector("a")).getAttribute("href")).endsWith("/variants/" + run.b1);
        assertThat(browser.findElements(By.xpath("//button[text()='Pause' or text()='Veto']")).stream()
                .filter(WebElement::isDisplayed)).isEmpty();
        request.findElement(By.cssSelector("input")).sendKeys("worth a longer look");
        screenshot("approval");
        request.findElement(By.xpath(".//button[text()='Approve']")).click();

        await().atMost(Duration.ofSeconds(15)).until(() -> !connector.sink(EventPublisher.APPROVALS).received().isEmpty());
        ApprovalDecided decided = EventCodec.read(connector.<String>sink(EventPublisher.APPROVALS).received().get(0)
                .getPayload(), ApprovalDecided.class);
        assertThat(decided.requestId()).isEqualTo("req-browser");
        assertThat(decided.approved()).isTrue();
        assertThat(decided.decidedBy()).isEqualTo("ada");
        assertThat(decided.comment()).isEqualTo("worth a longer look");
    }

    /**
     * Last: it plays the shared scripted run to its end, the approval decided in it, which would leave the approval
     * test nothing to decide.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void anOperatorStartsARunFromThePageAndSeesItOnceSelectionStartsIt() throws IOException {
        connector.sink(EventPublisher.RUNS).clear();
        // a viewer is not offered the form
        open("/?token=" + TestTokens.of("vera", Roles.VIEWER) + "#/");
        waitFor(By.cssSelector("#live.on"), 1);
        assertThat(browser.findElements(By.cssSelector("form.run-form"))).isEmpty();

        open("/?token=" + TestTokens.of("otto", Roles.OPERATOR) + "#/");
        WebElement form = waitFor(By.cssSelector("form.run-form"), 1).get(0);
        assertThat(new Select(form.findElement(By.name("dataset"))).getFirstSelectedOption().getText())
                .endsWith("/tinyshakespeare/input.txt");
        type(form, "name", "from the page");
        type(form, "population", "3");
        type(form, "generations", "2");
        type(form, "maxTokens", "50000");
        type(form, "costCapUsd", "1.5");
        type(form, "verificationSeeds", "3");
        new Select(form.findElement(By.name("mutator"))).selectByValue("random");
        screenshot("run-form");
        form.findElement(By.xpath(".//button[text()='Start run']")).click();

        await().atMost(Duration.ofSeconds(15)).until(() -> !connector.sink(EventPublisher.RUNS).received().isEmpty());
        RunRequested requested = EventCodec.read(connector.<String>sink(EventPublisher.RUNS).received().get(0)
                .getPayload(), RunRequested.class);
        RunConfig config = requested.config();
        assertThat(requested.requestedBy()).isEqualTo("otto");
        assertThat(config.name()).isEqualTo("from the page");
        assertThat(config.population()).isEqualTo(3);
        assertThat(config.generations()).isEqualTo(2);
        assertThat(config.budget().maxTokens()).isEqualTo(50_000);
        assertThat(config.costCapUsd()).isEqualTo(1.5);
        assertThat(config.verificationSeeds()).isEqualTo(3);
        assertThat(config.mutator()).isEqualTo("random");
        assertThat(config.dataset().uri()).endsWith("/tinyshakespeare/input.txt");

        // the request comes back from the topic and selection-service starts it: the open page shows it, unreloaded
        send(requested);
        send(new RunStarted(Envelope.of(requested.runId())));
        // the text is read while waiting: each update draws the list again
        String row = new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElements(By.xpath("//tr[.//a[text()='from the page']]")).stream()
                        .map(WebElement::getText).filter(text -> text.contains("RUNNING")).findFirst().orElse(null));
        assertThat(row).contains(requested.runId());
        screenshot("run-started");
    }

    private ScriptedRun deliver(ScriptedRun run, boolean toTheEnd) {
        run.live.forEach(this::send);
        if (toTheEnd) {
            run.closing.forEach(this::send);
            run.ending.forEach(this::send);
        }
        // the events are in before the page opens; the page's own catching up is tested by the live curve
        await().atMost(Duration.ofSeconds(20)).until(() -> toTheEnd
                ? "COMPLETED".equals(given().get("/api/runs/" + run.runId).path("run.status"))
                : curveOf(run.runId, run.b1) == 2);
        return run;
    }

    private static void type(WebElement form, String field, String value) {
        WebElement input = form.findElement(By.name(field));
        input.clear();
        input.sendKeys(value);
    }

    private static int curveOf(String runId, String variantId) {
        List<Object> curve = given().get("/api/runs/" + runId + "/variants/" + variantId).jsonPath().getList("curve");
        return curve == null ? 0 : curve.size();
    }

    private void open(String path) {
        browser.get(root.toString().replaceAll("/$", "") + path);
    }

    private static List<WebElement> waitFor(By selector, int count) {
        return new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(ExpectedConditions.numberOfElementsToBe(selector, count));
    }

    /** The text of an element the page may draw again meanwhile (each update re-renders what changed). */
    private static String textOf(By selector) {
        return new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
                .until(d -> {
                    String text = d.findElement(selector).getText();
                    return text.isEmpty() ? null : text;
                });
    }

    private static void scrollTo(By selector) {
        ((ChromeDriver) browser).executeScript("arguments[0].scrollIntoView()", browser.findElement(selector));
    }

    private static void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static Optional<Path> onPath(String command) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, command)).filter(Files::isExecutable).findFirst();
    }

    private void send(DarwinEvent event) {
        connector.source(EventConsumer.CHANNEL).send(EventCodec.write(event));
    }
}
