package ai.darwin.training.harness.compile;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Finds the class that declares a member a program uses. javac writes the static type at the call site as the
 * member's owner, so {@code myList.parallelStream()} on a program's own {@code ArrayList} subclass names the
 * program's class, not {@code java.util.Collection}; the rules must judge the declaring class.
 */
final class MemberResolver {

    private final Map<String, ClassFile> own;
    private final ClassLoader library;

    /**
     * @param own     the program's classes by internal name
     * @param library where the JDK, DJL and SDK classes a program compiles against are found
     */
    MemberResolver(Map<String, ClassFile> own, ClassLoader library) {
        this.own = own;
        this.library = library;
    }

    /** @return the internal name of the class that declares the member; its owner when that cannot be told */
    String declaringClass(ClassFile.Member member) {
        String found = search(member.owner(), member, new HashSet<>());
        return found != null ? found : member.owner();
    }

    private String search(String type, ClassFile.Member member, Set<String> seen) {
        if (!seen.add(type)) {
            return null;
        }
        ClassFile program = own.get(type);
        if (program != null) {
            if (program.declares(member.name(), member.descriptor())) {
                return type;
            }
            for (String supertype : program.supertypes()) {
                String found = search(supertype, member, seen);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        Class<?> loaded = load(type);
        return loaded == null ? null : searchLibrary(loaded, member);
    }

    /** Breadth first through superclasses and interfaces: the first class that declares the member. */
    private static String searchLibrary(Class<?> start, ClassFile.Member member) {
        if (member.name().equals("<init>") || member.name().equals("<clinit>")) {
            return internalName(start);
        }
        Deque<Class<?>> queue = new ArrayDeque<>();
        Set<Class<?>> seen = new HashSet<>();
        queue.add(start);
        while (!queue.isEmpty()) {
            Class<?> type = queue.removeFirst();
            if (!seen.add(type)) {
                continue;
            }
            if (declares(type, member)) {
                return internalName(type);
            }
            if (type.getSuperclass() != null) {
                queue.add(type.getSuperclass());
            }
            queue.addAll(java.util.List.of(type.getInterfaces()));
        }
        return null;
    }

    private static boolean declares(Class<?> type, ClassFile.Member member) {
        try {
            if (!member.isMethod()) {
                for (Field field : type.getDeclaredFields()) {
                    if (field.getName().equals(member.name())) {
                        return true;
                    }
                }
                return false;
            }
            for (Method method : type.getDeclaredMethods()) {
                if (method.getName().equals(member.name()) && descriptor(method).equals(member.descriptor())) {
                    return true;
                }
            }
        } catch (LinkageError | SecurityException e) {
            // a class that cannot be inspected declares nothing we can see; its owner is judged instead
        }
        return false;
    }

    private Class<?> load(String internalName) {
        try {
            return Class.forName(internalName.replace('/', '.'), false, library);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    static String internalName(Class<?> type) {
        return type.getName().replace('.', '/');
    }

    static String descriptor(Method method) {
        StringBuilder text = new StringBuilder("(");
        for (Class<?> parameter : method.getParameterTypes()) {
            text.append(descriptor(parameter));
        }
        return text.append(')').append(descriptor(method.getReturnType())).toString();
    }

    private static String descriptor(Class<?> type) {
        if (type.isArray()) {
            return type.getName().replace('.', '/');
        }
        if (type.isPrimitive()) {
            return switch (type.getName()) {
                case "void" -> "V";
                case "boolean" -> "Z";
                case "byte" -> "B";
                case "char" -> "C";
                case "short" -> "S";
                case "int" -> "I";
                case "long" -> "J";
                case "float" -> "F";
                default -> "D";
            };
        }
        return "L" + internalName(type) + ";";
    }
}
