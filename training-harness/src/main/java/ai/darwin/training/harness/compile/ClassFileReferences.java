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
 * What a class file refers to, read from its constant pool: the classes it names (directly or in descriptors) and
 * the fields and methods it uses. Every use of an API in bytecode goes through these entries.
 *
 * @param types   internal names of the classes referred to, e.g. {@code java/io/File}
 * @param members fields and methods referred to
 */
record ClassFileReferences(Set<String> types, List<Member> members) {

    private static final Pattern DESCRIPTOR_TYPE = Pattern.compile("L([^;]+);");

    /**
     * A field or method reference.
     *
     * @param owner      internal name of the declaring class
     * @param name       member name ({@code <init>} for constructors)
     * @param descriptor its JVM descriptor
     */
    record Member(String owner, String name, String descriptor) {
    }

    static ClassFileReferences read(byte[] classFile) {
        try {
            return parse(new DataInputStream(new ByteArrayInputStream(classFile)));
        } catch (IOException e) {
            throw new IllegalArgumentException("not a class file", e);
        }
    }

    private static ClassFileReferences parse(DataInputStream in) throws IOException {
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
        return new ClassFileReferences(types, members);
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
