package ai.darwin.selection.store;

import ai.darwin.events.generation.Assignment;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One generation of a run: its assignments, its deadline, and whether it closed (once, for good). */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
public class GenerationState {

    private int number;
    private boolean verification;
    private List<Assignment> assignments = new ArrayList<>();
    private Instant openedAt;
    private Instant deadline;
    private boolean closed;

    /** For Jackson, which reads a stored generation into the fields. */
    private GenerationState() {
    }

    public GenerationState(int number, boolean verification, List<Assignment> assignments, Instant openedAt,
                           Instant deadline) {
        this.number = number;
        this.verification = verification;
        this.assignments = List.copyOf(assignments);
        this.openedAt = openedAt;
        this.deadline = deadline;
    }

    public int number() {
        return number;
    }

    /** Whether it re-trains the champion and the seed instead of trying mutations. */
    public boolean verification() {
        return verification;
    }

    public List<Assignment> assignments() {
        return List.copyOf(assignments);
    }

    public Instant openedAt() {
        return openedAt;
    }

    public Instant deadline() {
        return deadline;
    }

    public boolean closed() {
        return closed;
    }

    /** Closes it; a generation closes exactly once. */
    public void close() {
        if (closed) {
            throw new IllegalStateException("generation " + number + " closed already");
        }
        closed = true;
    }
}
