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
 * Splits a program into DARWIN's chunks with JavaParser: the imports, then for each top-level type its runs of
 * fields, its constructors and methods, and its nested types, each with its leading comment.
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
            List<BodyDeclaration<?>> fields = new ArrayList<>();
            for (BodyDeclaration<?> member : type.getMembers()) {
                if (member instanceof FieldDeclaration) {
                    fields.add(member);
                    continue;
                }
                addFields(program, type, fields, chunks);
                chunks.add(chunk(program, name(type, member), member, member));
            }
            addFields(program, type, fields, chunks);
        }
        return chunks;
    }

    /** The file's outline for the prompt: every chunk's name and size, in order. */
    public static String outline(List<Chunk> chunks) {
        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> text.append("- ").append(c.outline()).append('\n'));
        return text.toString().stripTrailing();
    }

    private static void addFields(JavaSource program, TypeDeclaration<?> type, List<BodyDeclaration<?>> fields,
                                  List<Chunk> chunks) {
        if (!fields.isEmpty()) {
            chunks.add(chunk(program, "fields of " + type.getNameAsString() + " ("
                    + fields.get(0).asFieldDeclaration().getVariable(0).getNameAsString() + " ...)",
                    fields.get(0), fields.get(fields.size() - 1)));
            fields.clear();
        }
    }

    private static String name(TypeDeclaration<?> type, BodyDeclaration<?> member) {
        if (member instanceof CallableDeclaration<?> callable) {
            return (callable.isConstructorDeclaration() ? "constructor " : "method ") + type.getNameAsString() + "."
                    + callable.getNameAsString() + "(" + callable.getParameters().stream()
                    .map(ProgramChunks::parameter).collect(Collectors.joining(", ")) + ")";
        }
        if (member instanceof TypeDeclaration<?> nested) {
            return "nested type " + type.getNameAsString() + "." + nested.getNameAsString();
        }
        return member.getClass().getSimpleName() + " of " + type.getNameAsString();
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
