package ai.darwin.mutation.program;

import ai.darwin.events.Sha256;
import java.nio.ByteBuffer;

/**
 * The seed of an assignment's random draws (the offline mutator's changes, the chunks chunk mode rewrites):
 * reproducible from what the assignment carries, so that a redelivered generation draws the same again.
 */
public final class AssignmentSeed {

    private AssignmentSeed() {
    }

    public static long of(long trainingSeed, String assignmentId) {
        return ByteBuffer.wrap(Sha256.digest(trainingSeed + "/" + assignmentId)).getLong();
    }
}
