package ai.darwin.training;

import ai.darwin.training.harness.SeedProgram;
import java.nio.file.Files;
import java.nio.file.Path;

/** Training programs for the tests: the seed, shrunk or not, and hostile ones built around a do-nothing model. */
public final class TestPrograms {

    /** A program that trains nothing and returns a uniform guesser; {@code %s} is where hostile code goes. */
    private static final String TEMPLATE = """
            import ai.darwin.training.sdk.ArchitectureCard;
            import ai.darwin.training.sdk.TrainedModel;
            import ai.darwin.training.sdk.TrainingContext;
            import ai.darwin.training.sdk.TrainingProgram;
            import ai.djl.ndarray.NDArray;
            import ai.djl.ndarray.types.Shape;
            import java.util.ArrayList;
            import java.util.List;

            public class Hostile implements TrainingProgram {
                @Override
                public TrainedModel train(TrainingContext ctx) throws Exception {
                    %s
                    int vocab = ctx.vocabularySize();
                    NDArray weight = ctx.manager().zeros(new Shape(1));
                    return TrainedModel.of(new ArchitectureCard(0, 1, 1, 8), List.of(weight),
                            ids -> ids.getManager().zeros(new Shape(ids.getShape().get(0), ids.getShape().get(1), vocab)));
                }
            }
            """;

    private TestPrograms() {
    }

    /** The do-nothing program with {@code body} at the start of train. */
    public static String hostile(String body) {
        return TEMPLATE.formatted(body);
    }

    /** The seed program, unchanged: its CPU preset is what the worker trains. */
    public static String seed() {
        return SeedProgram.source();
    }

    /** The seed program reporting its loss after every step, so that a test sees training under way at once. */
    public static String chattySeed() {
        String source = SeedProgram.source();
        String chatty = source.replace("static final int LOG_INTERVAL = 10;", "static final int LOG_INTERVAL = 1;");
        if (chatty.equals(source)) {
            throw new IllegalStateException("the seed program no longer has LOG_INTERVAL = 10");
        }
        return chatty;
    }

    /** The workspace's tiny Shakespeare, as the build names it. */
    public static Path shakespeare() {
        return corpus("tinyshakespeare.txt");
    }

    /** A shorter corpus, for runs whose training does not matter. */
    public static Path wonderland() {
        return corpus("wonderland.txt");
    }

    private static Path corpus(String name) {
        Path path = Path.of(System.getProperty("darwin.data.dir", "../../shared/data"), name).toAbsolutePath()
                .normalize();
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(path + " not found; set -Ddarwin.data.dir");
        }
        return path;
    }
}
