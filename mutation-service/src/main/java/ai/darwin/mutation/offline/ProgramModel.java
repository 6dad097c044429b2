package ai.darwin.mutation.offline;

import ai.darwin.mutation.program.JavaSource;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.DoubleLiteralExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.type.PrimitiveType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the offline mutator knows of a program: its parsed source and its literal {@code static final} constants,
 * narrowed to the run's preset when that is known.
 */
final class ProgramModel {

    /** The preset prefixes the seed program uses for per-preset constants ({@code CPU_N_LAYER}). */
    static final List<String> PRESETS = List.of("CPU", "GPU");

    private final JavaSource source;
    private final List<Constant> constants;
    private final String preset;

    private ProgramModel(JavaSource source, List<Constant> constants, String preset) {
        this.source = source;
        this.constants = constants;
        this.preset = preset;
    }

    /**
     * @param preset the run's preset ({@code cpu}, {@code gpu}), or null when unknown: then every preset's constants
     *               change together
     */
    static ProgramModel of(JavaSource source, String preset) {
        List<Constant> constants = new ArrayList<>();
        for (FieldDeclaration field : source.unit().findAll(FieldDeclaration.class)) {
            if (!field.isStatic() || !field.isFinal()) {
                continue;
            }
            for (VariableDeclarator variable : field.getVariables()) {
                if (!(variable.getType() instanceof PrimitiveType primitive) || variable.getInitializer().isEmpty()) {
                    continue;
                }
                Expression initializer = variable.getInitializer().get();
                literalValue(initializer).ifPresent(value -> {
                    Constant.Type type = switch (primitive.getType()) {
                        case INT, SHORT, BYTE -> Constant.Type.INT;
                        case LONG -> Constant.Type.LONG;
                        case FLOAT -> Constant.Type.FLOAT;
                        case DOUBLE -> Constant.Type.DOUBLE;
                        case BOOLEAN -> Constant.Type.BOOLEAN;
                        case CHAR -> null;
                    };
                    if (type != null) {
                        int[] span = source.span(initializer);
                        constants.add(new Constant(variable.getNameAsString(), type, value,
                                source.textOf(initializer), span[0], span[1]));
                    }
                });
            }
        }
        return new ProgramModel(source, List.copyOf(constants),
                preset == null || preset.isBlank() ? null : preset.toUpperCase(Locale.ROOT));
    }

    private static Optional<Double> literalValue(Expression expression) {
        if (expression instanceof UnaryExpr unary && unary.getOperator() == UnaryExpr.Operator.MINUS) {
            return literalValue(unary.getExpression()).map(v -> -v);
        }
        try {
            if (expression instanceof IntegerLiteralExpr integer) {
                return Optional.of(integer.asNumber().doubleValue());
            }
            if (expression instanceof LongLiteralExpr longLiteral) {
                return Optional.of(longLiteral.asNumber().doubleValue());
            }
            if (expression instanceof DoubleLiteralExpr decimal) {
                return Optional.of(decimal.asDouble());
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (expression instanceof BooleanLiteralExpr bool) {
            return Optional.of(bool.getValue() ? 1.0 : 0.0);
        }
        return Optional.empty();
    }

    JavaSource source() {
        return source;
    }

    /**
     * The constants of a hyperparameter for the run's preset: the one named exactly {@code knob}, and those named
     * {@code <PRESET>_<knob>} for the run's preset (every preset when it is unknown).
     */
    List<Constant> constants(String knob) {
        return constants.stream().filter(c -> matches(c.name(), knob)).toList();
    }

    /** Every constant of the run's preset (and those of no preset); the other presets' are left out. */
    List<Constant> constants() {
        return constants.stream().filter(c -> PRESETS.stream().noneMatch(p -> c.name().startsWith(p + "_"))
                || preset == null || c.name().startsWith(preset + "_")).toList();
    }

    /** The constant {@code <prefix><knob>}, e.g. {@code CPU_} and {@code N_HEAD}. */
    Optional<Constant> constant(String prefix, String knob) {
        return constants.stream().filter(c -> c.name().equals(prefix + knob)).findFirst();
    }

    /** The prefix of a constant of a hyperparameter: {@code CPU_} for {@code CPU_N_EMBD}, "" for {@code N_EMBD}. */
    static String prefixOf(Constant constant, String knob) {
        return constant.name().substring(0, constant.name().length() - knob.length());
    }

    private boolean matches(String name, String knob) {
        if (name.equals(knob)) {
            return true;
        }
        if (!name.endsWith("_" + knob)) {
            return false;
        }
        String prefix = name.substring(0, name.length() - knob.length() - 1);
        return PRESETS.contains(prefix) && (preset == null || preset.equals(prefix));
    }
}
