package ai.darwin.local;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The local MongoDB default: mongo-java-server speaking the MongoDB wire protocol, with its H2 backend in one
 * file so that documents and indexes survive a restart, and the oplog on (change streams).
 *
 * <p>Usage: {@code LocalMongo --host 127.0.0.1 --port 27017 --file .darwin/mongo/darwin.mv}
 */
public final class LocalMongo {

    private LocalMongo() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        String host = options.get("host", "127.0.0.1");
        int port = Integer.parseInt(options.get("port", "27017"));
        Path file = Path.of(options.get("file", ".darwin/mongo/darwin.mv")).toAbsolutePath();
        Files.createDirectories(file.getParent());

        H2Backend backend = new H2Backend(file.toString());
        MongoServer server = new MongoServer(backend);
        server.enableOplog();
        server.bind(host, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            stopped.countDown();
        }, "local-mongo-shutdown"));
        System.out.println("READY mongodb://" + host + ":" + port + " (file " + file + ")");
        stopped.await();
    }
}
