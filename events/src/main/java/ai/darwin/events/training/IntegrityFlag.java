package ai.darwin.events.training;

import ai.darwin.events.Require;

/**
 * A sanity gate a completed result tripped.
 *
 * @param gate   which gate
 * @param detail what the harness measured against what it allows, e.g. "val_bpb 0.047 is below the floor 1.42"
 */
public record IntegrityFlag(IntegrityGate gate, String detail) {

    public IntegrityFlag {
        Require.present(gate, "gate");
        Require.present(detail, "detail");
    }
}
