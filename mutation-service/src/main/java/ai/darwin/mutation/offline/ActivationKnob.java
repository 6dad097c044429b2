package ai.darwin.mutation.offline;

import ai.darwin.mutation.program.JavaSource;
import ai.darwin.mutation.program.TextEdit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/** Swaps the MLP's activation function (every {@code Activation.*} call of the program) for another one. */
final class ActivationKnob implements Knob {

    /** An activation: its name and how to write it around an argument. */
    private record Kind(String name, String template, String why) {
        String call(String argument) {
            return template.replace("%s", argument);
        }
    }

    private static final List<Kind> KINDS = List.of(
            new Kind("GELU", "Activation.gelu(%s)", "GELU is GPT-2's activation: smooth, and a safe default."),
            new Kind("ReLU", "Activation.relu(%s)", "ReLU is the cheapest activation, and its sparse outputs can "
                    + "speed up training steps."),
            new Kind("squared ReLU", "Activation.relu(%s).square()", "Squared ReLU (So et al., Primer) trained "
                    + "small GPTs to lower loss than GELU at the same compute, and the nanoGPT speedruns use it."),
            new Kind("SiLU", "Activation.swish(%s, 1f)", "SiLU (Swish with beta 1) is the LLaMA family's MLP "
                    + "activation: smooth like GELU with a slightly different negative tail."),
            new Kind("Mish", "Activation.mish(%s)", "Mish is smooth and non-monotonic; in some small models it "
                    + "converges a little faster than GELU."));

    @Override
    public String category() {
        return "activation";
    }

    @Override
    public Optional<Change> propose(ProgramModel program, Random random) {
        JavaSource source = program.source();
        List<MethodCallExpr> calls = source.unit().findAll(MethodCallExpr.class, ActivationKnob::isActivation);
        if (calls.isEmpty()) {
            return Optional.empty();
        }
        String current = kindOf(calls.get(0));
        List<Kind> others = KINDS.stream().filter(k -> !k.name().equals(current)).toList();
        Kind next = others.get(random.nextInt(others.size()));
        List<TextEdit> edits = new ArrayList<>();
        for (MethodCallExpr call : calls) {
            edits.add(source.replace(replaced(call), next.call(source.textOf(call.getArgument(0)))));
        }
        String where = calls.size() == 1 ? "" : " (" + calls.size() + " calls)";
        return Optional.of(new Change(category(), edits, "MLP activation", current + " → " + next.name() + where,
                next.why()));
    }

    /** The program's MLP activation by name ({@code GELU}, {@code squared ReLU}), or "none" when it calls none. */
    static String current(JavaSource source) {
        return source.unit().findAll(MethodCallExpr.class, ActivationKnob::isActivation).stream().findFirst()
                .map(ActivationKnob::kindOf).orElse("none");
    }

    private static boolean isActivation(MethodCallExpr call) {
        return call.getScope().filter(scope -> scope instanceof NameExpr name
                && name.getNameAsString().equals("Activation")).isPresent() && call.getArguments().size() >= 1;
    }

    private static String kindOf(MethodCallExpr call) {
        return switch (call.getNameAsString()) {
            case "gelu" -> "GELU";
            case "relu" -> squared(call) ? "squared ReLU" : "ReLU";
            case "swish" -> "SiLU";
            case "mish" -> "Mish";
            default -> call.getNameAsString();
        };
    }

    /** The node to replace: the call itself, or {@code relu(x).square()} as a whole. */
    private static Node replaced(MethodCallExpr call) {
        return squared(call) ? call.getParentNode().orElseThrow() : call;
    }

    private static boolean squared(MethodCallExpr call) {
        return call.getNameAsString().equals("relu") && call.getParentNode()
                .filter(parent -> parent instanceof MethodCallExpr outer && outer.getNameAsString().equals("square")
                        && outer.getScope().filter(scope -> scope == call).isPresent())
                .isPresent();
    }
}
