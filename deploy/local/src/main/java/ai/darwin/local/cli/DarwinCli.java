package ai.darwin.local.cli;

import ai.darwin.events.DarwinEvent;
import ai.darwin.events.EventCodec;
import ai.darwin.events.run.RunCompleted;
import ai.darwin.events.run.RunConfig;
import ai.darwin.events.run.RunRequested;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code ./darwin run}: a real evolution on this machine. Starts the local broker and store and the five services,
 * submits a run (or resumes the unfinished one), follows it in the terminal, and ends with the leaderboard, the
 * verified-improvement verdict, the throughput report and the dashboard's address.
 */
public final class DarwinCli {

    private static final ObjectMapper JSON = EventCodec.mapper();
    private static final String SELECTION = "http://127.0.0.1:8083";
    private static final String MEMORY = "http://127.0.0.1:8084";
    private static final String DASHBOARD = "http://127.0.0.1:8080/";

    private final Path repository;
    private final Path home;
    private final LocalStack stack;
    private final RunDefaults defaults = RunDefaults.load();
    private final HttpClient http = HttpClient.newHttpClient();
    private final LocalTokens tokens;
    private String token;

    private DarwinCli(Path repository, Path home) {
        this.repository = repository;
        this.home = home;
        this.tokens = new LocalTokens(home);
        this.stack = new LocalStack(repository, home, tokens.publicKey());
    }

    public static void main(String[] args) throws Exception {
        Path repository = Path.of(System.getProperty("darwin.repository", ".")).toAbsolutePath().normalize();
        String darwinHome = System.getenv("DARWIN_HOME");
        Path home = darwinHome == null ? repository.resolve(".darwin") : Path.of(darwinHome).toAbsolutePath();
        List<String> arguments = Arrays.asList(args);
        String command = arguments.isEmpty() ? "run" : arguments.get(0);
        List<String> rest = arguments.isEmpty() ? List.of() : arguments.subList(1, arguments.size());
        DarwinCli cli = new DarwinCli(repository, home);
        try {
            switch (command) {
                case "run" -> cli.run(RunOptions.parse(rest, repository, cli.defaults, System::getenv));
                case "stop" -> cli.stop();
                case "status" -> cli.status();
                case "report" -> cli.report(rest);
                case "compare" -> System.exit(ai.darwin.local.compare.CompareCommand.run(rest, repository, home,
                        System.out, System.err));
                default -> {
                    System.err.println(RunOptions.usage());
                    System.exit(2);
                }
            }
        } catch (IllegalArgumentException | IllegalStateException | IOException | UncheckedIOException e) {
            System.err.println("darwin: " + e.getMessage());
            System.exit(1);
        }
    }

    private void run(RunOptions options) throws Exception {
        Files.createDirectories(home);
        Optional<String> current = options.fresh() ? Optional.empty() : currentRun();
        Thread shutdown = new Thread(() -> {
            System.out.println("\nStopping Darwin (the run is kept: ./darwin run resumes it)...");
            stack.stopServices();
            stack.stopInfrastructure();
        }, "darwin-shutdown");
        // A new run's corpus is fetched and its header shown before anything starts, so that a dataset that cannot
        // be had stops it here; a run to resume is announced as it was requested, which the broker knows.
        RunConfig config = current.isEmpty() ? announce(defaults.config(options, dataset(options)), null, options) : null;
        Runtime.getRuntime().addShutdownHook(shutdown);
        stack.startInfrastructure();
        Optional<RunRequested> unfinished = current.flatMap(this::unfinished);
        if (config == null) {
            config = announce(unfinished.map(RunRequested::config)
                    .orElseGet(() -> defaults.config(options, dataset(options))),
                    unfinished.map(RunRequested::runId).orElse(null), options);
        }
        if (options.allowUnisolated()) {
            System.out.println("""
                    WARNING: --allow-unisolated: where bubblewrap cannot run, training variants run WITHOUT the
                    OS-level sandbox. LLM-written programs then have only the bytecode check between them and this
                    machine's files, network and environment. Use it only on a machine you can afford to lose.""");
        }
        token = tokens.ensure(System.getProperty("user.name", "operator"));
        System.out.println("Starting the services (logs in " + stack.logs() + "):");
        stack.startServices(options.allowUnisolated(), datasetDirectories(config));

        String runId;
        if (unfinished.isPresent()) {
            runId = unfinished.get().runId();
        } else {
            runId = submit(config);
            System.out.println("Started run " + runId);
        }
        Files.writeString(home.resolve("current-run"), runId);
        System.out.println("Dashboard: " + dashboard() + "  (logs in with the operator token in "
                + tokens.operatorToken() + ")");

        RunWatcher watcher = new RunWatcher(LocalStack.KAFKA, runId);
        RunCompleted completed = watcher.watch();
        if (completed == null) {
            return;
        }
        Runtime.getRuntime().removeShutdownHook(shutdown);
        System.out.printf("%nRun %s ended: %s after %d generations.%n", runId, completed.outcome(),
                completed.generationsCompleted());
        System.out.println();
        Leaderboard.lines(leaderboard(runId)).forEach(System.out::println);
        System.out.println();
        RunLines.verdict(completed.verification()).forEach(System.out::println);
        ThroughputReport report = ThroughputReport.of(watcher.events());
        Path saved = home.resolve("reports").resolve(runId + ".txt");
        Files.createDirectories(saved.getParent());
        Files.writeString(saved, report.text());
        System.out.print("\n" + report.text());
        System.out.println("  (saved to " + saved + ")");
        System.out.println("\nDashboard: " + dashboard() + "  — the services keep running for it; ./darwin stop stops them.");
    }

    /**
     * Where the run's local dataset may lie: the Darwin home's data folder (downloads land there) and the folder of
     * the file this operator named or the bundled corpus, which {@link Datasets} has already resolved to a path.
     */
    private List<Path> datasetDirectories(RunConfig config) {
        List<Path> directories = new ArrayList<>(List.of(home.resolve("data")));
        Path dataset = Path.of(config.dataset().uri()).toAbsolutePath().normalize();
        if (dataset.getParent() != null && !dataset.startsWith(home.resolve("data"))) {
            directories.add(dataset.getParent());
        }
        return directories;
    }

    /** The dashboard's address with the token, the way Jupyter prints it: the page keeps it and clears the URL. */
    private String dashboard() {
        return DASHBOARD + "?token=" + token;
    }

    private static RunConfig announce(RunConfig config, String resumedRunId, RunOptions options) {
        RunHeader.lines(config, resumedRunId, options.given()).forEach(System.out::println);
        return config;
    }

    private String dataset(RunOptions options) {
        try {
            return Datasets.resolve(options.dataset(), options.sha256(), home.resolve("data"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching the dataset", e);
        }
    }

    private Optional<String> currentRun() throws IOException {
        Path current = home.resolve("current-run");
        return Files.exists(current) ? Optional.of(Files.readString(current).trim()).filter(id -> !id.isEmpty())
                : Optional.empty();
    }

    /** The run's request, as the runs topic holds it, unless the run has completed (or the broker lost it). */
    private Optional<RunRequested> unfinished(String runId) {
        return unfinished(new RunWatcher(LocalStack.KAFKA, runId).replay());
    }

    static Optional<RunRequested> unfinished(List<DarwinEvent> events) {
        if (events.stream().anyMatch(RunCompleted.class::isInstance)) {
            return Optional.empty();
        }
        return events.stream().filter(RunRequested.class::isInstance).map(RunRequested.class::cast).findFirst();
    }

    private String submit(RunConfig config) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(SELECTION + "/runs"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(config))).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("selection-service refused the run: " + response.body());
        }
        return JSON.readTree(response.body()).path("runId").asText();
    }

    /** memory-service's leaderboard of the run, once it has one (it follows the results a little behind). */
    private JsonNode leaderboard(String runId) throws IOException, InterruptedException {
        JsonNode leaderboard = null;
        for (int i = 0; i < 60 && (leaderboard == null || leaderboard.isEmpty()); i++) {
            HttpResponse<String> response = get(MEMORY + "/runs/" + runId + "/leaderboard?limit=10");
            leaderboard = response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
            Thread.sleep(500);
        }
        return leaderboard;
    }

    /** The throughput report of a run, finished or not, from its events on the local broker. */
    private void report(List<String> arguments) throws IOException {
        if (arguments.size() != 1) {
            throw new IllegalArgumentException("usage: ./darwin report RUN_ID");
        }
        String runId = arguments.get(0);
        stack.startInfrastructure();
        List<DarwinEvent> events = new RunWatcher(LocalStack.KAFKA, runId).replay();
        if (events.isEmpty()) {
            throw new IllegalArgumentException("no events of run " + runId + " on the local broker");
        }
        System.out.print(ThroughputReport.of(events).text());
    }

    private void stop() {
        stack.stopServices();
        stack.stopInfrastructure();
    }

    private void status() throws IOException {
        for (LocalStack.Service service : LocalStack.SERVICES) {
            System.out.printf("  %-18s :%d %s%n", service.name(), service.port(), stack.ready(service) ? "ready" : "down");
        }
        Path current = home.resolve("current-run");
        System.out.println("  current run: " + (Files.exists(current) ? Files.readString(current).trim() : "none"));
        if (Files.exists(tokens.operatorToken())) {
            token = Files.readString(tokens.operatorToken()).trim();
            System.out.println("  dashboard:   " + dashboard());
        }
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
