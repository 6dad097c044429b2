package ai.darwin.mutation.search;

import ai.darwin.mutation.offline.KnobSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Human guidance read as a constraint on the learning mutator: a guidance line that names a knob (its constant, as
 * {@code LEARNING_RATE} or "learning rate", or what it is, as "dropout", "activation", "width") restricts the
 * proposals to changes of that knob, and a direction word ("lower", "more") to changes that way.
 */
final class Guidance {

    private static final Pattern DOWN = Pattern.compile(
            "\\b(lower|smaller|reduce|decrease|less|fewer|shorter|narrower|shallower|down)\\b");
    private static final Pattern UP = Pattern.compile(
            "\\b(higher|larger|increase|raise|more|bigger|longer|wider|deeper|up)\\b");
    private static final List<String> PRESET_PREFIXES = List.of("cpu ", "gpu ");

    /**
     * What guidance made of the options.
     *
     * @param options the options it leaves (all of them when no guidance names a knob)
     * @param line    the guidance line followed, or null
     */
    record Applied(List<KnobSpace.Option> options, String line) {
    }

    private Guidance() {
    }

    static Applied apply(List<String> guidance, Map<String, String> parent, List<KnobSpace.Option> options) {
        for (String line : guidance == null ? List.<String>of() : guidance) {
            String text = " " + line.toLowerCase(Locale.ROOT).replace('_', ' ') + " ";
            List<KnobSpace.Option> named = options.stream().filter(o -> names(o, parent, text)).toList();
            if (named.isEmpty()) {
                continue;
            }
            Boolean up = DOWN.matcher(text).find() ? Boolean.FALSE : UP.matcher(text).find() ? Boolean.TRUE : null;
            List<KnobSpace.Option> directed = up == null ? named
                    : named.stream().filter(o -> up.equals(direction(o, parent))).toList();
            return new Applied(directed.isEmpty() ? named : directed, line);
        }
        return new Applied(options, null);
    }

    /** Whether a guidance text names the knob an option changes. */
    private static boolean names(KnobSpace.Option option, Map<String, String> parent, String text) {
        List<String> names = new ArrayList<>();
        names.add(option.change().what().toLowerCase(Locale.ROOT));
        for (String knob : changed(option, parent)) {
            String name = knob.toLowerCase(Locale.ROOT).replace('_', ' ');
            names.add(name);
            PRESET_PREFIXES.stream().filter(name::startsWith).forEach(p -> names.add(name.substring(p.length())));
        }
        return names.stream().anyMatch(name -> Pattern.compile("\\b" + Pattern.quote(name) + "\\b").matcher(text)
                .find());
    }

    /** True when the option raises its (first numeric) knob, false when it lowers it, null for a name change. */
    static Boolean direction(KnobSpace.Option option, Map<String, String> parent) {
        for (String knob : changed(option, parent)) {
            try {
                return Double.parseDouble(option.vector().get(knob)) > Double.parseDouble(parent.get(knob));
            } catch (NumberFormatException | NullPointerException e) {
                // a name, not a number
            }
        }
        return null;
    }

    static List<String> changed(KnobSpace.Option option, Map<String, String> parent) {
        return option.vector().keySet().stream()
                .filter(k -> !option.vector().get(k).equals(parent.get(k))).toList();
    }
}
