package ai.darwin.training.sandbox;

import ai.darwin.training.harness.sandbox.ChildMain;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a program that got past the bytecode check would do: a test-only entry point run in place of ChildMain,
 * through the same launcher, wall and limits. The attack is its "program" file, e.g. {@code read /root/secret};
 * it prints {@code attack: outcome} and exits without a result.
 */
public final class HostileMain {

    private HostileMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String[] attack = Files.readString(dir.resolve(ChildMain.PROGRAM)).trim().split(" ");
        String outcome;
        try {
            outcome = attack(dir, attack);
        } catch (Exception e) {
            outcome = "failed: " + e;
        }
        System.out.println(attack[0] + ": " + outcome);
        System.out.flush();
        System.exit(0);
    }

    private static String attack(Path dir, String[] attack) throws Exception {
        switch (attack[0]) {
            case "connect" -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(attack[1], Integer.parseInt(attack[2])), 2000);
                    return "connected";
                }
            }
            case "read" -> {
                return "read " + Files.readString(Path.of(attack[1])).length() + " chars";
            }
            case "write" -> {
                Files.writeString(Path.of(attack[1]), "escaped");
                return "written";
            }
            case "environment" -> {
                String init = new String(Files.readAllBytes(Path.of("/proc/1/environ")), StandardCharsets.UTF_8);
                return "pid 1 " + init.replace('\0', ' ') + " | own " + System.getenv();
            }
            case "processes" -> {
                try (Stream<Path> proc = Files.list(Path.of("/proc"))) {
                    return proc.map(p -> p.getFileName().toString()).filter(name -> name.matches("\\d+"))
                            .sorted().collect(Collectors.joining(",", "pids [", "]"));
                }
            }
            case "bigfile" -> {
                Path big = dir.resolve("big.bin");
                long target = Long.parseLong(attack[1]);
                byte[] chunk = new byte[1 << 20];
                try (OutputStream out = Files.newOutputStream(big)) {
                    for (long written = 0; written < target; written += chunk.length) {
                        out.write(chunk);
                    }
                    return "wrote " + Files.size(big) + " bytes";
                } catch (IOException e) {
                    return "stopped at " + Files.size(big) + " bytes: " + e.getMessage();
                }
            }
            case "pretend-jvm-failure" -> {
                // the marker says the JVM started; then it plays a JVM that did not, and blocks its result file
                Files.writeString(dir.resolve(ChildMain.STARTED), "");
                Files.createDirectory(dir.resolve(ChildMain.RESULT));
                System.out.println("Error: Could not find or load main class Program");
                System.out.println("Error occurred during initialization of VM");
                System.exit(1);
            }
            case "no-marker" -> {
                System.out.println("Error: Could not find or load main class Program");
                System.exit(1);
            }
            default -> {
                return "unknown attack " + Arrays.toString(attack);
            }
        }
        return "unreachable";
    }
}
