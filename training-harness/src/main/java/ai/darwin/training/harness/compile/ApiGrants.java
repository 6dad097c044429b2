package ai.darwin.training.harness.compile;

import java.util.Collection;
import java.util.List;

/**
 * The catalogue entries a run was granted ({@link ImportCatalogue}): classes the bytecode check lets a program use
 * beyond {@link ApiRules}, minus the members each entry still refuses. Only the catalogue makes these, so a grant can
 * never name anything the catalogue does not hold.
 */
public final class ApiGrants {

    /** No grant: the training SDK's allowed APIs and nothing more. */
    public static final ApiGrants NONE = new ApiGrants(List.of());

    private final List<ImportCatalogue.Entry> entries;

    ApiGrants(Collection<ImportCatalogue.Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public List<ImportCatalogue.Entry> entries() {
        return entries;
    }

    /** The granted entries' ids, in the catalogue's order: what travels on VariantProposed.grantedImports. */
    public List<String> ids() {
        return entries.stream().map(ImportCatalogue.Entry::id).toList();
    }

    /** The granted classes as import names, for the import check and the prompts. */
    public List<String> importNames() {
        return entries.stream().flatMap(e -> e.classes().stream()).toList();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** @param type an internal name, {@code java/time/Duration} */
    boolean allowsType(String type) {
        return entries.stream().anyMatch(e -> e.classes().contains(type.replace('/', '.')));
    }

    /** @return why a granted class's member is still refused, or null */
    String forbiddenMember(String owner, String name) {
        String member = owner.replace('/', '.') + "." + name;
        for (ImportCatalogue.Entry entry : entries) {
            String reason = entry.forbiddenMembers().get(member);
            if (reason != null) {
                return reason;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return ids().toString();
    }

}
