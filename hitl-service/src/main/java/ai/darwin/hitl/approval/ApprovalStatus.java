package ai.darwin.hitl.approval;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where an approval request stands. */
public enum ApprovalStatus {
    PENDING,
    DECIDED;

    /** The stored and served form: {@code pending} or {@code decided}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code pending} or {@code decided}, in any case. */
    public static Optional<ApprovalStatus> parse(String text) {
        return Arrays.stream(values()).filter(s -> s.name().equalsIgnoreCase(text)).findFirst();
    }
}
