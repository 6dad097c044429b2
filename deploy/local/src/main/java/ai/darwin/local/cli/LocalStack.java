package ai.darwin.local.cli;

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
import java.util.List;
import java.util.Map;

/**
 * The local broker, the local store and the five services, each its own process, with logs and pid files under
 * {@code .darwin/}. What is already running and healthy is reused, so a second {@code ./darwin run} attaches.
 */
final class LocalStack {

    /** A Darwin service: its module and fixed port. */
    record Service(String name, int port) {
    }

    static final List<Service> SERVICES = List.of(new Service("memory-service", 8084),
            new Service("selection-service", 8083), new Service("mutation-service", 8081),
            new Service("training-service", 8082), new Service("hitl-service", 8080));
    static final String KAFKA = "127.0.0.1:9092";
    static final String MONGODB = "mongodb://127.0.0.1:27017";
    /** Only the mutation service may see the LLM's credentials. */
    private static final List<String> LLM_VARIABLES = List.of("OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_MODEL",
            "OPENAI_ORG_ID", "OPENAI_PROJECT_ID");

    private final Path repository;
    private final Path home;
    private final Path jwtPublicKey;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final List<Process> started = new ArrayList<>();

    /**
     * @param jwtPublicKey the key every service verifies callers' tokens with ({@link LocalTokens})
     */
    LocalStack(Path repository, Path home, Path jwtPublicKey) {
        this.repository = repository;
        this.home = home;
        this.jwtPublicKey = jwtPublicKey;
    }

    Path logs() {
        return home.resolve("logs");
    }

    void startInfrastructure() {
        script("kafka.sh", "start");
        script("mongo.sh", "start");
    }

    void stopInfrastructure() {
        script("kafka.sh", "stop");
        script("mongo.sh", "stop");
    }

    /**
     * Starts every service that is not already up, then waits for all of them to be ready.
     *
     * @param allowUnisolated    let the training service run variants without bubblewrap where it cannot isolate them
     * @param datasetDirectories where a run's local dataset may lie (selection-service refuses others)
     */
    void startServices(boolean allowUnisolated, List<Path> datasetDirectories) throws IOException {
        Files.createDirectories(logs());
        Files.createDirectories(home.resolve("pids"));
        for (Service service : SERVICES) {
            if (ready(service)) {
                System.out.printf("  %-18s already running on :%d%n", service.name(), service.port());
                continue;
            }
            Path jar = repository.resolve(service.name()).resolve("target/quarkus-app/quarkus-run.jar");
            if (!Files.exists(jar)) {
                throw new IllegalStateException(jar + " is missing: build with mvn package -DskipTests first");
            }
            Path log = logs().resolve(service.name() + ".log");
            ProcessBuilder builder = new ProcessBuilder(java(), "-Xmx512m", "-jar", jar.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            Map<String, String> environment = builder.environment();
            if (!service.name().equals("mutation-service")) {
                LLM_VARIABLES.forEach(environment::remove);
            }
            environment.put("KAFKA_BOOTSTRAP_SERVERS", KAFKA);
            environment.put("MONGODB_URI", MONGODB);
            environment.put("DARWIN_HOME", home.toString());
            environment.put("DARWIN_JWT_PUBLIC_KEY_LOCATION", jwtPublicKey.toString());
            environment.put("DARWIN_DATASET_DIRECTORIES", String.join(",",
                    datasetDirectories.stream().map(Path::toString).toList()));
            if (service.name().equals("training-service") && allowUnisolated) {
                environment.put("DARWIN_TRAINING_SANDBOX_ALLOW_UNISOLATED", "true");
            }
            Process process = builder.start();
            started.add(process);
            Files.writeString(home.resolve("pids").resolve(service.name() + ".pid"), String.valueOf(process.pid()));
            System.out.printf("  %-18s starting on :%d (log %s)%n", service.name(), service.port(), log);
        }
        for (Service service : SERVICES) {
            awaitReady(service, Duration.ofSeconds(180));
        }
    }

    /** Stops the services this launcher or an earlier one started (SIGTERM, then SIGKILL after 30 s). */
    void stopServices() {
        List<ProcessHandle> handles = new ArrayList<>();
        for (Service service : SERVICES) {
            Path pid = home.resolve("pids").resolve(service.name() + ".pid");
            try {
                if (Files.exists(pid)) {
                    ProcessHandle.of(Long.parseLong(Files.readString(pid).trim())).ifPresent(handles::add);
                    Files.delete(pid);
                }
            } catch (IOException | NumberFormatException e) {
                System.err.println("cannot read " + pid + ": " + e.getMessage());
            }
        }
        started.stream().map(Process::toHandle).filter(h -> !handles.contains(h)).forEach(handles::add);
        handles.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : handles) {
            try {
                handle.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
            }
        }
    }

    boolean ready(Service service) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port()
                    + "/q/health/ready")).timeout(Duration.ofSeconds(2)).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void awaitReady(Service service, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready(service)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(service.name() + " was not ready within " + timeout.toSeconds()
                        + " s; see " + logs().resolve(service.name() + ".log"));
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private void script(String script, String command) {
        try {
            ProcessBuilder builder = new ProcessBuilder("bash",
                    repository.resolve("deploy/local/bin").resolve(script).toString(), command).inheritIO();
            builder.environment().put("DARWIN_HOME", home.toString());
            int exit = builder.start().waitFor();
            if (exit != 0 && command.equals("start")) {
                throw new IllegalStateException(script + " " + command + " failed (exit " + exit + ")");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
