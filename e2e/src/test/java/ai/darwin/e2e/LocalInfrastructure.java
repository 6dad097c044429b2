package ai.darwin.e2e;

import ai.darwin.testing.FreePorts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The product's own broker and store scripts (deploy/local/bin), on free ports, with their data in a temp home. */
final class LocalInfrastructure {

    private final Path bin;
    private final Map<String, String> environment;
    final int kafkaPort = FreePorts.next();
    final int mongoPort = FreePorts.next();

    LocalInfrastructure(Path repository, Path home) {
        this.bin = repository.resolve("deploy/local/bin");
        this.environment = Map.of("DARWIN_HOME", home.toString(), "DARWIN_KAFKA_PORT", String.valueOf(kafkaPort),
                "DARWIN_KAFKA_CONTROLLER_PORT", String.valueOf(FreePorts.next()),
                "DARWIN_MONGO_PORT", String.valueOf(mongoPort));
    }

    String bootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    String mongoUri() {
        return "mongodb://127.0.0.1:" + mongoPort;
    }

    String kafka(String command) {
        return run("kafka.sh", command);
    }

    String mongo(String command) {
        return run("mongo.sh", command);
    }

    private String run(String script, String command) {
        try {
            ProcessBuilder builder = new ProcessBuilder("bash", bin.resolve(script).toString(), command)
                    .redirectErrorStream(true);
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(script + " " + command + " hung");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.exitValue() != 0 && !command.equals("stop")) {
                throw new IllegalStateException(script + " " + command + " failed:\n" + output);
            }
            return output;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
