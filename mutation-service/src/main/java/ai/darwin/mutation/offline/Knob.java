package ai.darwin.mutation.offline;

import java.util.Optional;
import java.util.Random;

/** Something the offline mutator can change in a program. */
interface Knob {

    /** The kind of change, e.g. {@code optimizer}; the mutator picks kinds evenly so that none dominates. */
    String category();

    /** @return a change drawn with the random source, or empty when the program has nothing this knob can change */
    Optional<Change> propose(ProgramModel program, Random random);
}
