package ai.darwin.local;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} pairs of a launcher's command line. */
record Options(Map<String, String> values) {

    static Options parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got '" + args[i] + "'");
            }
            values.put(args[i].substring(2), args[++i]);
        }
        return new Options(values);
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }
}
