package ai.darwin.memory.query;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LiteralStringValueExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.printer.DefaultPrettyPrinter;
import com.github.javaparser.printer.configuration.DefaultConfigurationOption;
import com.github.javaparser.printer.configuration.DefaultPrinterConfiguration;
import com.github.javaparser.printer.configuration.DefaultPrinterConfiguration.ConfigOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The kinds of change between a parent program and its variant, from their syntax trees (JavaParser): a constant
 * up or down ({@code LEARNING_RATE up}) or changed, a field added or removed, a method rewritten, added or removed
 * ({@code method Block.forward rewritten}), a class added or removed, the imports changed. Comments and layout are
 * not changes: both trees are compared as printed without comments. When either program does not parse, the kinds
 * come from the diff's lines ({@link ChangeKinds}), as before.
 */
public final class ProgramChanges {

    private static final JavaParser PARSER = new JavaParser(new ParserConfiguration()
            .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17));
    private static final DefaultPrettyPrinter PRINTER = new DefaultPrettyPrinter(new DefaultPrinterConfiguration()
            .removeOption(new DefaultConfigurationOption(ConfigOption.PRINT_COMMENTS))
            .removeOption(new DefaultConfigurationOption(ConfigOption.PRINT_JAVADOC)));

    private ProgramChanges() {
    }

    /**
     * The kinds of change across a program's files ({@link ProgramSources}): the entry's and each file's changes as
     * {@link #of(String, String, String)} finds them, and a file added or removed ({@code file model/Gpt.java added}),
     * so that lessons can tell a restructure from a tuning.
     *
     * @param parent  the parent's files, or empty when unknown: the kinds then come from the whole diff
     * @param program the variant's files
     * @param diff    the multi-file unified diff between them, the fallback
     */
    public static List<String> of(Map<String, String> parent, Map<String, String> program, String diff) {
        if (parent.isEmpty() || program.size() == 1 && parent.size() == 1) {
            return of(parent.get(ProgramSources.ENTRY), program.get(ProgramSources.ENTRY), diff);
        }
        Set<String> kinds = new LinkedHashSet<>();
        for (Map.Entry<String, String> file : program.entrySet()) {
            String before = parent.get(file.getKey());
            if (before == null) {
                kinds.add("file " + file.getKey() + " added");
            } else if (!before.equals(file.getValue())) {
                // a file that does not parse falls back on the whole diff, as a single-file program does
                kinds.addAll(of(before, file.getValue(), diff));
            }
        }
        parent.keySet().stream().filter(path -> !program.containsKey(path))
                .forEach(path -> kinds.add("file " + path + " removed"));
        return List.copyOf(kinds);
    }

    /**
     * @param parent the parent's source, or null when unknown
     * @param source the variant's source
     * @param diff   the unified diff between them, the fallback
     */
    public static List<String> of(String parent, String source, String diff) {
        Optional<CompilationUnit> before = parse(parent);
        Optional<CompilationUnit> after = parse(source);
        if (before.isEmpty() || after.isEmpty()) {
            return ChangeKinds.of(diff);
        }
        List<String> kinds = new ArrayList<>();
        if (!print(before.get().getImports().toString()).equals(print(after.get().getImports().toString()))) {
            kinds.add("imports changed");
        }
        Map<String, TypeDeclaration<?>> oldTypes = types(before.get());
        Map<String, TypeDeclaration<?>> newTypes = types(after.get());
        compare(oldTypes, newTypes, "class %s", kinds);
        for (Map.Entry<String, TypeDeclaration<?>> type : newTypes.entrySet()) {
            TypeDeclaration<?> old = oldTypes.get(type.getKey());
            if (old != null) {
                fields(type.getKey(), old, type.getValue(), kinds);
                Set<String> overloaded = new HashSet<>(overloaded(old));
                overloaded.addAll(overloaded(type.getValue()));
                compare(callables(type.getKey(), old, overloaded), callables(type.getKey(), type.getValue(), overloaded),
                        "method %s", kinds);
            }
        }
        return kinds;
    }

    /** Added and removed by name; present in both but printed differently: rewritten. */
    private static void compare(Map<String, ? extends Node> before, Map<String, ? extends Node> after, String label,
                                List<String> kinds) {
        boolean types = label.startsWith("class");
        for (String name : after.keySet()) {
            if (!before.containsKey(name)) {
                kinds.add(label.formatted(name) + " added");
            } else if (!types && !PRINTER.print(before.get(name)).equals(PRINTER.print(after.get(name)))) {
                kinds.add(label.formatted(name) + " rewritten");
            }
        }
        before.keySet().stream().filter(name -> !after.containsKey(name))
                .forEach(name -> kinds.add(label.formatted(name) + " removed"));
    }

    private static void fields(String owner, TypeDeclaration<?> before, TypeDeclaration<?> after, List<String> kinds) {
        Map<String, VariableDeclarator> old = variables(before);
        Map<String, VariableDeclarator> now = variables(after);
        for (Map.Entry<String, VariableDeclarator> field : now.entrySet()) {
            VariableDeclarator previous = old.get(field.getKey());
            if (previous == null) {
                kinds.add("field " + owner + "." + field.getKey() + " added");
            } else if (!PRINTER.print(previous).equals(PRINTER.print(field.getValue()))) {
                kinds.add(field.getKey() + " " + direction(previous.getInitializer(), field.getValue().getInitializer()));
            }
        }
        old.keySet().stream().filter(name -> !now.containsKey(name))
                .forEach(name -> kinds.add("field " + owner + "." + name + " removed"));
    }

    /** A numeric constant went up or down; anything else about a field changed. */
    static String direction(Optional<Expression> before, Optional<Expression> after) {
        Optional<Double> from = before.flatMap(ProgramChanges::number);
        Optional<Double> to = after.flatMap(ProgramChanges::number);
        if (from.isEmpty() || to.isEmpty() || from.get().equals(to.get())) {
            return "changed";
        }
        return to.get() > from.get() ? "up" : "down";
    }

    private static Optional<Double> number(Expression expression) {
        if (expression instanceof UnaryExpr unary && unary.getOperator() == UnaryExpr.Operator.MINUS) {
            return number(unary.getExpression()).map(v -> -v);
        }
        if (expression.isIntegerLiteralExpr() || expression.isLongLiteralExpr() || expression.isDoubleLiteralExpr()) {
            String text = ((LiteralStringValueExpr) expression).getValue().replace("_", "").replaceAll("[fFdDlL]$", "");
            try {
                return Optional.of(text.startsWith("0x") || text.startsWith("0X")
                        ? (double) Long.decode(text) : Double.parseDouble(text));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Every class, record, enum and interface, nested ones too, by their dotted name below the top level. */
    private static Map<String, TypeDeclaration<?>> types(CompilationUnit unit) {
        Map<String, TypeDeclaration<?>> types = new LinkedHashMap<>();
        unit.findAll(TypeDeclaration.class).forEach(type -> types.putIfAbsent(name(type), type));
        return types;
    }

    private static String name(TypeDeclaration<?> type) {
        return type.getFullyQualifiedName().orElse(type.getNameAsString());
    }

    /**
     * The type's own methods and constructors by name, so that a method whose parameters changed is rewritten;
     * a name overloaded in either program by its parameter types as well.
     */
    private static Map<String, CallableDeclaration<?>> callables(String owner, TypeDeclaration<?> type,
                                                                 Set<String> overloaded) {
        Map<String, CallableDeclaration<?>> callables = new LinkedHashMap<>();
        for (CallableDeclaration<?> callable : callables(type)) {
            String name = callable.getNameAsString();
            callables.put(owner + "." + name + (overloaded.contains(name) ? callable.getParameters().stream()
                    .map(p -> p.getType().asString()).collect(Collectors.joining(", ", "(", ")")) : ""), callable);
        }
        return callables;
    }

    private static Set<String> overloaded(TypeDeclaration<?> type) {
        return callables(type).stream().collect(Collectors.groupingBy(CallableDeclaration::getNameAsString,
                Collectors.counting())).entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    private static List<CallableDeclaration<?>> callables(TypeDeclaration<?> type) {
        return type.getMembers().stream().filter(CallableDeclaration.class::isInstance)
                .<CallableDeclaration<?>>map(m -> (CallableDeclaration<?>) m).toList();
    }

    private static Map<String, VariableDeclarator> variables(TypeDeclaration<?> type) {
        Map<String, VariableDeclarator> variables = new LinkedHashMap<>();
        for (FieldDeclaration field : type.getFields()) {
            field.getVariables().forEach(v -> variables.put(v.getNameAsString(), v));
        }
        return variables;
    }

    private static Optional<CompilationUnit> parse(String source) {
        if (source == null || source.isBlank()) {
            return Optional.empty();
        }
        synchronized (PARSER) {
            ParseResult<CompilationUnit> result = PARSER.parse(source);
            return result.isSuccessful() ? result.getResult() : Optional.empty();
        }
    }

    private static String print(String text) {
        return text.replaceAll("\\s+", " ");
    }
}
