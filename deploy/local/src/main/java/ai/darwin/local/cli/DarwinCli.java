package ai.darwin.local.cli;

import ai.darwin.events.DarwinEvent;
import ai.darwin.events.EventCodec;
import ai.darwin.events.run.DatasetSpec;
import ai.darwin.events.run.FitnessSpec;
import ai.darwin.events.run.RunCompleted;
import ai.darwin.events.run.RunConfig;
import ai.darwin.events.run.SelectionSpec;
import ai.darwin.events.variant.TrainingBudget;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * {@code ./darwin run}: a real evolution on this machine. Starts the local broker and store and the five services,
 * submits a run (or resumes the unfinished one), follows it in the terminal, and ends with the leaderboard, the
 * verified-improvement verdict, the throughput report and the dashboard's address.
 */
public final class DarwinCli {

    private static final ObjectMapper JSON = EventCodec.mapper();
    private static final String SELECTION = "http://127.0.0.1:8083";
    private static final String MEMORY = "http://127.0.0.1:8084";
    private static final String DASHBOARD = "http://localhost:8080/";
    /** Per variant beyond its training budget: compile, child JVM, engine start, evaluation. */
    private static final int OVERHEAD_SECONDS = 12;

    private final Path repository;
    private final Path home;
    private final LocalStack stack;
    private final HttpClient http = HttpClient.newHttpClient();

    private DarwinCli(Path repository, Path home) {
        this.repository = repository;
        this.home = home;
        this.stack = new LocalStack(repository, home);
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
                case "run" -> cli.run(RunOptions.parse(rest, repository));
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
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("darwin: " + e.getMessage());
            System.exit(1);
        }
    }

    private void run(RunOptions options) throws Exception {
        Files.createDirectories(home);
        String dataset = Datasets.resolve(options.dataset(), options.sha256(), home.resolve("data"));
        int variants = options.variants();
        long minutes = Math.round((variants * (options.trainingSeconds() + OVERHEAD_SECONDS) + 90) / 60.0);
        System.out.printf("Darwin: population %d, %d generations, %s per variant, mutator %s%s, dataset %s%n",
                options.population(), options.generations(), budget(options), options.mutator(),
                options.model() == null ? "" : " (" + options.model() + ")", dataset);
        System.out.println("Optimising: " + FitnessSpec.DEFAULT.describe());
        System.out.printf("At most %d variants to train (each generation's control and the verification's pairs "
                + "included): roughly %d minutes on one CPU training worker.%n", variants, minutes);

        Thread shutdown = new Thread(() -> {
            System.out.println("\nStopping Darwin (the run is kept: ./darwin run resumes it)...");
            stack.stopServices();
            stack.stopInfrastructure();
        }, "darwin-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);

        if (options.allowUnisolated()) {
            System.out.println("""
                    WARNING: --allow-unisolated: where bubblewrap cannot run, training variants run WITHOUT the
                    OS-level sandbox. LLM-written programs then have only the bytecode check between them and this
                    machine's files, network and environment. Use it only on a machine you can afford to lose.""");
        }
        stack.startInfrastructure();
        System.out.println("Starting the services (logs in " + stack.logs() + "):");
        stack.startServices(options.allowUnisolated());

        String runId = resumableRun(options).orElse(null);
        if (runId != null) {
            System.out.println("Resuming run " + runId);
        } else {
            runId = submit(options, dataset);
            System.out.println("Started run " + runId);
        }
        Files.writeString(home.resolve("current-run"), runId);
        System.out.println("Dashboard: " + DASHBOARD);

        RunWatcher watcher = new RunWatcher(LocalStack.KAFKA, runId);
        RunCompleted completed = watcher.watch();
        if (completed == null) {
            return;
        }
        Runtime.getRuntime().removeShutdownHook(shutdown);
        System.out.printf("%nRun %s ended: %s after %d generations.%n", runId, completed.outcome(),
                completed.generationsCompleted());
        printLeaderboard(runId);
        System.out.println();
        RunLines.verdict(completed.verification()).forEach(System.out::println);
        ThroughputReport report = ThroughputReport.of(watcher.events());
        Path saved = home.resolve("reports").resolve(runId + ".txt");
        Files.createDirectories(saved.getParent());
        Files.writeString(saved, report.text());
        System.out.print("\n" + report.text());
        System.out.println("  (saved to " + saved + ")");
        System.out.println("\nDashboard: " + DASHBOARD + "  — the services keep running for it; ./darwin stop stops them.");
    }

    private java.util.Optional<String> resumableRun(RunOptions options) throws IOException, InterruptedException {
        Path current = home.resolve("current-run");
        if (options.fresh() || !Files.exists(current)) {
            return java.util.Optional.empty();
        }
        String runId = Files.readString(current).trim();
        HttpResponse<String> response = get(MEMORY + "/runs/" + runId);
        if (response.statusCode() == 200 && "COMPLETED".equals(JSON.readTree(response.body()).path("status").asText())) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(runId);
    }

    private String submit(RunOptions options, String dataset) throws IOException, InterruptedException {
        RunConfig config = new RunConfig(options.name(), options.population(), options.generations(),
                new DatasetSpec(dataset, options.sha256(), "char", 0.1),
                new TrainingBudget(options.maxTokens(), options.maxSeconds()), "cpu", options.mutator(),
                options.model(), FitnessSpec.DEFAULT, new SelectionSpec(1, 2, "others"), 0, 0, options.seeds(), 0,
                options.seed());
        HttpRequest request = HttpRequest.newBuilder(URI.create(SELECTION + "/runs"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(config))).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("selection-service refused the run: " + response.body());
        }
        return JSON.readTree(response.body()).path("runId").asText();
    }

    private void printLeaderboard(String runId) throws IOException, InterruptedException {
        JsonNode leaderboard = null;
        for (int i = 0; i < 60 && (leaderboard == null || leaderboard.isEmpty()); i++) {
            HttpResponse<String> response = get(MEMORY + "/runs/" + runId + "/leaderboard?limit=10");
            leaderboard = response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
            Thread.sleep(500);
        }
        System.out.println("\nLeaderboard (validation bits per byte, lower is better):");
        System.out.printf("  %-4s %-30s %-4s %-9s %9s %8s %10s  %s%n", "rank", "variant", "gen", "agent", "val_bpb",
                "mfu", "tok/s", "change");
        if (leaderboard == null) {
            System.out.println("  (memory-service has no leaderboard for this run)");
            return;
        }
        int rank = 1;
        for (JsonNode entry : leaderboard) {
            String reasoning = entry.path("reasoning").asText("").lines().findFirst().orElse("");
            System.out.printf("  %-4d %-30s %-4s %-9s %9.4f %7.2f%% %10.0f  %s%n", rank++, entry.path("variantId").asText(),
                    entry.path("generation").asText(), entry.path("agentId").asText(),
                    entry.path("valBitsPerByte").asDouble(), 100 * entry.path("mfu").asDouble(),
                    entry.path("tokensPerSecond").asDouble(),
                    reasoning.length() > 60 ? reasoning.substring(0, 57) + "..." : reasoning);
        }
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
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String budget(RunOptions options) {
        return (options.maxTokens() > 0 ? String.format("%,d training tokens", options.maxTokens()) : "")
                + (options.maxSeconds() > 0 && options.maxTokens() > 0 ? " or " : "")
                + (options.maxSeconds() > 0 ? options.maxSeconds() + " s of training" : "");
    }
}
