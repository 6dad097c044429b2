package ai.darwin.mutation.chunk;

import ai.darwin.mutation.program.JavaSource;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Splits a program into DARWIN's chunks with JavaParser: the imports, then for each type, nested types included, its
 * runs of fields, its constructors and its methods, each with its leading comment.
 */
public final class ProgramChunks {

    private ProgramChunks() {
    }

    /** @throws IllegalArgumentException when the program does not parse */
    public static List<Chunk> split(String source) {
        JavaSource program = JavaSource.parse(source);
        List<Chunk> chunks = new ArrayList<>();
        NodeList<ImportDeclaration> imports = program.unit().getImports();
        if (!imports.isEmpty()) {
            int start = program.span(imports.get(0))[0];
            int end = program.span(imports.get(imports.size() - 1))[1];
            chunks.add(new Chunk("imports", start, end, source.substring(start, end)));
        }
        for (TypeDeclaration<?> type : program.unit().getTypes()) {
            members(program, type, type.getNameAsString(), chunks);
        }
        return chunks;
    }

    /**
     * The chunks of a type's members: runs of fields, constructors and methods; a nested type's members become
     * chunks of their own (the seed's Gpt, TransformerBlock and optimizer were three chunks of 160 lines together),
     * while its declaration and braces stay as they are.
     */
    private static void members(JavaSource program, TypeDeclaration<?> type, String typeName, List<Chunk> chunks) {
        List<BodyDeclaration<?>> fields = new ArrayList<>();
        for (BodyDeclaration<?> member : type.getMembers()) {
            if (member instanceof FieldDeclaration) {
                fields.add(member);
                continue;
            }
            addFields(program, typeName, fields, chunks);
            if (member instanceof TypeDeclaration<?> nested && !nested.getMembers().isEmpty()) {
                members(program, nested, typeName + "." + nested.getNameAsString(), chunks);
            } else {
                chunks.add(chunk(program, name(typeName, member), member, member));
            }
        }
        addFields(program, typeName, fields, chunks);
    }

    /** The text of the top-level types' fields (the program's constants and state): what every chunk prompt shows. */
    public static String globals(List<Chunk> chunks) {
        return chunks.stream().filter(c -> c.name().matches("fields of [\\w$]+ \\(.*"))
                .map(Chunk::text).collect(Collectors.joining("\n\n"));
    }

    /** The file's outline for the prompt: every chunk's name and size, in order. */
    public static String outline(List<Chunk> chunks) {
        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> text.append("- ").append(c.outline()).append('\n'));
        return text.toString().stripTrailing();
    }

    /** What a program imports, e.g. {@code ai.djl.ndarray.*} or {@code static java.lang.Math.max}. */
    public static List<String> imports(String source) {
        return JavaSource.parse(source).unit().getImports().stream().map(i -> (i.isStatic() ? "static " : "")
                + i.getNameAsString() + (i.isAsterisk() ? ".*" : "")).toList();
    }

    private static void addFields(JavaSource program, String typeName, List<BodyDeclaration<?>> fields,
                                  List<Chunk> chunks) {
        if (!fields.isEmpty()) {
            chunks.add(chunk(program, "fields of " + typeName + " ("
                    + fields.get(0).asFieldDeclaration().getVariable(0).getNameAsString() + " ...)",
                    fields.get(0), fields.get(fields.size() - 1)));
            fields.clear();
        }
    }

    private static String name(String typeName, BodyDeclaration<?> member) {
        if (member instanceof CallableDeclaration<?> callable) {
            return (callable.isConstructorDeclaration() ? "constructor " : "method ") + typeName + "."
                    + callable.getNameAsString() + "(" + callable.getParameters().stream()
                    .map(ProgramChunks::parameter).collect(Collectors.joining(", ")) + ")";
        }
        if (member instanceof TypeDeclaration<?> nested) {
            return "nested type " + typeName + "." + nested.getNameAsString();
        }
        return member.getClass().getSimpleName() + " of " + typeName;
    }

    /** Type and name only: a parameter's annotations may carry any text, and the name goes into prompts. */
    private static String parameter(Parameter parameter) {
        return parameter.getType().asString() + (parameter.isVarArgs() ? "... " : " ") + parameter.getNameAsString();
    }

    private static Chunk chunk(JavaSource program, String name, Node first, Node last) {
        Node opening = first.getComment().<Node>map(c -> c).orElse(first);
        int start = Math.min(program.span(opening)[0], program.span(first)[0]);
        int end = program.span(last)[1];
        return new Chunk(name, start, end, program.text().substring(start, end));
    }
}
