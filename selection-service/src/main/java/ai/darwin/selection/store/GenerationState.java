package ai.darwin.selection.store;

import ai.darwin.events.generation.Assignment;
import ai.darwin.events.generation.NoiseFloor;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One generation of a run: its assignments, its deadline, the controls still held back, the noise floor it measured,
 * and whether it closed (once, for good). Fields added later read as empty from generations stored before them.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
public class GenerationState {

    private int number;
    private boolean verification;
    private List<Assignment> assignments = new ArrayList<>();
    private Instant openedAt;
    private Instant deadline;
    private boolean closed;
    /** Control assignments whose variants wait to go out among the mutations', in the order they go. */
    private List<String> heldBack = new ArrayList<>();
    /** Generation 0's measure of the run's noise floor, from its control's seeds. */
    private NoiseFloor noiseFloor;

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

    /** More work for an open generation (another look of the verification), with the deadline it now needs. */
    public void extend(List<Assignment> more, Instant newDeadline) {
        if (closed) {
            throw new IllegalStateException("generation " + number + " closed: it takes no more assignments");
        }
        List<Assignment> all = new ArrayList<>(assignments);
        all.addAll(more);
        assignments = List.copyOf(all);
        deadline = newDeadline.isAfter(deadline) ? newDeadline : deadline;
    }

    /** Controls whose variants are not published yet, in the order they go out. */
    public List<String> heldBack() {
        return List.copyOf(heldBack);
    }

    public void holdBack(List<String> assignmentIds) {
        heldBack = new ArrayList<>(assignmentIds);
    }

    /** The control's variant goes out now. */
    public void release(String assignmentId) {
        heldBack.remove(assignmentId);
    }

    /** The run's noise floor as this generation (generation 0) measured it; null elsewhere, or before it closed. */
    public NoiseFloor noiseFloor() {
        return noiseFloor;
    }

    /** Measured once: a floor already measured stays. */
    public void measured(NoiseFloor floor) {
        noiseFloor = noiseFloor == null ? floor : noiseFloor;
    }
}
