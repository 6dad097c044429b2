package ai.darwin.e2e;

import ai.darwin.testing.ServiceProcess;
import ai.darwin.testing.TestTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The five services, each its own process from its built jar, over the product's own broker and store with their
 * data in a temp home, and a recorder of every event: what each end-to-end test starts.
 */
final class DarwinStack implements AutoCloseable {

    final LocalInfrastructure infrastructure;
    final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    EventRecorder recorder;

    private DarwinStack(Path repository, Path home) {
        infrastructure = new LocalInfrastructure(repository, home);
    }

    /**
     * @param datasets  the directories datasets may come from, comma-separated, for every service that checks them
     * @param extra     more environment for some services, by service name
     * @param logPrefix what each service's log name in {@code e2e/target} starts with
     */
    static DarwinStack start(Path repository, Path home, String datasets, Map<String, Map<String, String>> extra,
                             String logPrefix) throws Exception {
        Path target = Files.createDirectories(repository.resolve("e2e/target"));
        DarwinStack stack = new DarwinStack(repository, home);
        try {
            stack.infrastructure.kafka("start");
            stack.infrastructure.mongo("start");
            // the services verify callers with the test key pair, as a deployment does with its own
            Path publicKey = TestTokens.writePublicKey(home.resolve("jwt-public.pem"));
            // selection checks a dataset at POST /runs, hitl at approval, and every worker again where it reads it
            Map<String, String> common = Map.of("KAFKA_BOOTSTRAP_SERVERS", stack.infrastructure.bootstrapServers(),
                    "MONGODB_URI", stack.infrastructure.mongoUri(),
                    "DARWIN_JWT_PUBLIC_KEY_LOCATION", publicKey.toString(), "DARWIN_DATASET_DIRECTORIES", datasets);
            Map<String, Map<String, String>> tuned = Map.of(
                    "selection-service", Map.of("DARWIN_SELECTION_DEADLINE_MINIMUM", "PT6M",
                            "DARWIN_SELECTION_STARTUP_GRACE", "PT10S"),
                    "training-service", Map.of("DARWIN_TRAINING_SANDBOX_HEAP", "768m"));
            for (String name : List.of("memory-service", "selection-service", "mutation-service",
                    "training-service", "hitl-service")) {
                Map<String, String> environment = new HashMap<>(common);
                environment.putAll(tuned.getOrDefault(name, Map.of()));
                environment.putAll(extra.getOrDefault(name, Map.of()));
                stack.services.put(name, new ServiceProcess(repository.resolve(name)
                        .resolve("target/quarkus-app/quarkus-run.jar"), environment,
                        target.resolve(logPrefix + name + ".log")));
            }
            for (ServiceProcess service : stack.services.values()) {
                service.start(Duration.ofSeconds(180));
            }
            stack.recorder = new EventRecorder(stack.infrastructure.bootstrapServers());
            return stack;
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (recorder != null) {
            recorder.close();
        }
        services.values().forEach(ServiceProcess::close);
        infrastructure.kafka("stop");
        infrastructure.mongo("stop");
    }
}
