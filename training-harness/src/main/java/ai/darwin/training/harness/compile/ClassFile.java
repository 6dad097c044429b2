package ai.darwin.training.harness.compile;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the bytecode check needs of one class file: its name and supertypes, the methods and fields it declares, and
 * everything its constant pool refers to (the classes it names, directly or in descriptors, and the fields and
 * methods it uses). Every use of an API in bytecode goes through these entries.
 *
 * @param name       internal name, e.g. {@code SeedGpt$Gpt}
 * @param superName  internal name of the superclass; null only for {@code java/lang/Object}
 * @param interfaces internal names of the interfaces it implements
 * @param declared   the methods and fields it declares itself
 * @param types      internal names of the classes referred to, e.g. {@code java/io/File}
 * @param members    fields and methods referred to, with the owner javac wrote (the static type at the call site)
 */
record ClassFile(String name, String superName, List<String> interfaces, List<Member> declared, Set<String> types,
                 List<Member> members) {

    private static final Pattern DESCRIPTOR_TYPE = Pattern.compile("L([^;]+);");

    /**
     * A field or method.
     *
     * @param owner      internal name of the class named with it
     * @param name       member name ({@code <init>} for constructors)
     * @param descriptor its JVM descriptor; a method's starts with {@code (}
     */
    record Member(String owner, String name, String descriptor) {

        boolean isMethod() {
            return descriptor.startsWith("(");
        }
    }

    /** @return the supertypes: the superclass (when there is one) and the interfaces */
    List<String> supertypes() {
        List<String> all = new ArrayList<>();
        if (superName != null) {
            all.add(superName);
        }
        all.addAll(interfaces);
        return all;
    }

    /** @return whether this class declares a member of that name and descriptor itself */
    boolean declares(String memberName, String descriptor) {
        return declared.stream().anyMatch(m -> m.name().equals(memberName) && m.descriptor().equals(descriptor));
    }

    static ClassFile read(byte[] classFile) {
        try {
            return parse(new DataInputStream(new ByteArrayInputStream(classFile)));
        } catch (IOException e) {
            throw new IllegalArgumentException("not a class file", e);
        }
    }

    private static ClassFile parse(DataInputStream in) throws IOException {
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("bad magic");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        int[] tags = new int[count];
        String[] utf8 = new String[count];
        int[] first = new int[count];
        int[] second = new int[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            tags[i] = tag;
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++;
                }
                case 7, 8, 16, 19, 20 -> first[i] = in.readUnsignedShort();
                case 9, 10, 11, 12, 17, 18 -> {
                    first[i] = in.readUnsignedShort();
                    second[i] = in.readUnsignedShort();
                }
                case 15 -> {
                    in.readUnsignedByte();
                    first[i] = in.readUnsignedShort();
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        Set<String> types = new LinkedHashSet<>();
        List<Member> members = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            switch (tags[i]) {
                case 7 -> addType(utf8[first[i]], types);
                case 12 -> addDescriptorTypes(utf8[second[i]], types);
                case 16 -> addDescriptorTypes(utf8[first[i]], types);
                case 9, 10, 11 -> {
                    int nameAndType = second[i];
                    members.add(new Member(utf8[first[first[i]]], utf8[first[nameAndType]],
                            utf8[second[nameAndType]]));
                }
                default -> {
                }
            }
        }
        in.readUnsignedShort();
        String name = utf8[first[in.readUnsignedShort()]];
        int superIndex = in.readUnsignedShort();
        String superName = superIndex == 0 ? null : utf8[first[superIndex]];
        List<String> interfaces = new ArrayList<>();
        for (int i = in.readUnsignedShort(); i > 0; i--) {
            interfaces.add(utf8[first[in.readUnsignedShort()]]);
        }
        List<Member> declared = new ArrayList<>();
        readMembers(in, utf8, name, declared);
        readMembers(in, utf8, name, declared);
        return new ClassFile(name, superName, List.copyOf(interfaces), List.copyOf(declared), types,
                List.copyOf(members));
    }

    /** Reads a fields or methods table, skipping each member's attributes. */
    private static void readMembers(DataInputStream in, String[] utf8, String owner, List<Member> into)
            throws IOException {
        for (int i = in.readUnsignedShort(); i > 0; i--) {
            in.readUnsignedShort();
            String memberName = utf8[in.readUnsignedShort()];
            String descriptor = utf8[in.readUnsignedShort()];
            into.add(new Member(owner, memberName, descriptor));
            for (int a = in.readUnsignedShort(); a > 0; a--) {
                in.readUnsignedShort();
                in.skipNBytes(Integer.toUnsignedLong(in.readInt()));
            }
        }
    }

    /** A Class entry holds an internal name, or a descriptor for array classes. */
    private static void addType(String name, Set<String> types) {
        if (name.startsWith("[")) {
            addDescriptorTypes(name, types);
        } else {
            types.add(name);
        }
    }

    private static void addDescriptorTypes(String descriptor, Set<String> types) {
        Matcher matcher = DESCRIPTOR_TYPE.matcher(descriptor);
        while (matcher.find()) {
            types.add(matcher.group(1));
        }
    }
}
