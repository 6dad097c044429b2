package ai.darwin.memory;

import ai.darwin.events.Envelope;
import ai.darwin.events.EventCodec;
import ai.darwin.events.hitl.HumanIntervention;
import ai.darwin.events.hitl.InterventionKind;
import ai.darwin.events.run.DatasetSpec;
import ai.darwin.events.run.FitnessSpec;
import ai.darwin.events.run.RunConfig;
import ai.darwin.events.run.RunRequested;
import ai.darwin.events.run.SelectionSpec;
import ai.darwin.events.variant.TrainingBudget;
import java.util.List;
import java.util.Map;

/** Contract events for memory-service's tests. */
final class SampleEvents {

    private SampleEvents() {
    }

    static RunRequested runRequested(String runId) {
        RunConfig config = new RunConfig("test run", 4, 3,
                new DatasetSpec("../shared/data/tinyshakespeare.txt", null, "char", 0.1),
                new TrainingBudget(200_000, 60), "cpu", "offline", null,
                new FitnessSpec("lexicographic", List.of("val_bpb", "mfu", "tokens_per_second"), Map.of()),
                new SelectionSpec(1, 2, "others"), 0, 0, 3, 0, 42);
        return new RunRequested(Envelope.of(runId), config, "test");
    }

    static HumanIntervention guidance(String runId, String text) {
        return new HumanIntervention(Envelope.of(runId), EventCodec.newEventId(), InterventionKind.GUIDANCE, null, null,
                text, "tester");
    }
}
