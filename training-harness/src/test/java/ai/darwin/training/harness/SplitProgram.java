package ai.darwin.training.harness;

import ai.darwin.training.harness.compile.ProgramSource;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * The seed program (or any edit of it) split in two as an approved restructure would split it: the entry class stays
 * in {@code gpt/SeedGpt}, the model, its blocks and the optimizer move to {@code gpt/Model.java}, and both files
 * declare {@code package gpt}. The code is the same, so it must train and score exactly as the one file does.
 */
public final class SplitProgram {

    public static final String PACKAGE = "gpt";
    public static final String MODEL_PATH = PACKAGE + "/Model.java";
    private static final String FIRST_NESTED = "\n    record Config(";

    private SplitProgram() {
    }

    public static ProgramSource of(String seed) {
        int nested = seed.indexOf(FIRST_NESTED);
        int end = seed.lastIndexOf('}');
        if (nested < 0) {
            throw new IllegalArgumentException("not the seed program: no nested Config record");
        }
        // the outer class's members from Config on, each ending at its closing brace at the class's indent: the
        // nested types move, the static helpers after them stay
        StringBuilder kept = new StringBuilder();
        StringBuilder moved = new StringBuilder();
        StringBuilder member = new StringBuilder();
        for (String line : seed.substring(nested + 1, end).split("\n", -1)) {
            member.append(line).append('\n');
            if (line.equals("    }")) {
                String text = member.toString();
                boolean type = text.lines().map(String::strip)
                        .filter(l -> !l.isEmpty() && !l.startsWith("/**") && !l.startsWith("*"))
                        .findFirst().map(l -> l.startsWith("record ") || l.startsWith("static final class "))
                        .orElse(false);
                (type ? moved : kept).append(text);
                member.setLength(0);
            }
        }
        kept.append(member);
        String entry = "package " + PACKAGE + ";\n\n" + seed.substring(0, nested + 1) + kept + "}\n";
        String imports = seed.lines().filter(line -> line.startsWith("import ")).collect(Collectors.joining("\n"));
        String body = moved.toString().lines()
                .map(line -> line.startsWith("    ") ? line.substring(4) : line)
                .map(line -> line.startsWith("static final class ") ? line.substring("static ".length()) : line)
                .collect(Collectors.joining("\n"));
        String model = "package " + PACKAGE + ";\n\n" + imports + "\n\nimport static " + PACKAGE
                + ".SeedGpt.*;\n\n" + body + "\n";
        return new ProgramSource(entry, Map.of(MODEL_PATH, model));
    }
}
