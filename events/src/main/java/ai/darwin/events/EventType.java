package ai.darwin.events;

import ai.darwin.events.generation.GenerationClosed;
import ai.darwin.events.generation.GenerationOpened;
import ai.darwin.events.hitl.ApprovalDecided;
import ai.darwin.events.hitl.ApprovalRequested;
import ai.darwin.events.hitl.HumanIntervention;
import ai.darwin.events.run.RunCompleted;
import ai.darwin.events.run.RunPaused;
import ai.darwin.events.run.RunRequested;
import ai.darwin.events.run.RunResumed;
import ai.darwin.events.run.RunStarted;
import ai.darwin.events.run.RunStopped;
import ai.darwin.events.training.TrainingCompleted;
import ai.darwin.events.training.TrainingFailed;
import ai.darwin.events.training.TrainingProgress;
import ai.darwin.events.training.TrainingStarted;
import ai.darwin.events.variant.VariantProposed;
import java.util.Arrays;
import java.util.NoSuchElementException;

/**
 * Every event of the contract: its record, its topic, its CloudEvents type and its JSON Schema. The payload's
 * {@code type} property is the record's simple name.
 */
public enum EventType {
    RUN_REQUESTED(RunRequested.class, Topics.RUNS),
    RUN_STARTED(RunStarted.class, Topics.RUNS),
    RUN_PAUSED(RunPaused.class, Topics.RUNS),
    RUN_RESUMED(RunResumed.class, Topics.RUNS),
    RUN_STOPPED(RunStopped.class, Topics.RUNS),
    RUN_COMPLETED(RunCompleted.class, Topics.RUNS),
    GENERATION_OPENED(GenerationOpened.class, Topics.GENERATIONS),
    GENERATION_CLOSED(GenerationClosed.class, Topics.GENERATIONS),
    VARIANT_PROPOSED(VariantProposed.class, Topics.VARIANTS),
    TRAINING_STARTED(TrainingStarted.class, Topics.TRAINING_PROGRESS),
    TRAINING_PROGRESS(TrainingProgress.class, Topics.TRAINING_PROGRESS),
    TRAINING_COMPLETED(TrainingCompleted.class, Topics.TRAINING_RESULTS),
    TRAINING_FAILED(TrainingFailed.class, Topics.TRAINING_RESULTS),
    APPROVAL_REQUESTED(ApprovalRequested.class, Topics.APPROVALS),
    APPROVAL_DECIDED(ApprovalDecided.class, Topics.APPROVALS),
    HUMAN_INTERVENTION(HumanIntervention.class, Topics.INTERVENTIONS);

    /** The schema version every event of this release is written with. */
    public static final int SCHEMA_VERSION = 1;
    /** The CloudEvents {@code source} prefix; a service appends its name. */
    public static final String SOURCE_PREFIX = "urn:darwin:";

    private final Class<? extends DarwinEvent> recordType;
    private final Topic topic;

    EventType(Class<? extends DarwinEvent> recordType, Topic topic) {
        this.recordType = recordType;
        this.topic = topic;
    }

    public Class<? extends DarwinEvent> recordType() {
        return recordType;
    }

    public Topic topic() {
        return topic;
    }

    /** The payload's {@code type} property, e.g. {@code VariantProposed}. */
    public String typeName() {
        return recordType.getSimpleName();
    }

    /** The CloudEvents {@code type}, e.g. {@code ai.darwin.VariantProposed.v1}. */
    public String cloudEventType() {
        return "ai.darwin." + typeName() + ".v" + SCHEMA_VERSION;
    }

    /** The schema's resource path inside this jar, e.g. {@code contract/schemas/VariantProposed.schema.json}. */
    public String schemaResource() {
        return "contract/schemas/" + typeName() + ".schema.json";
    }

    public static EventType of(DarwinEvent event) {
        return of(event.getClass());
    }

    public static EventType of(Class<?> recordType) {
        return Arrays.stream(values()).filter(t -> t.recordType == recordType).findFirst()
                .orElseThrow(() -> new NoSuchElementException("not a contract event: " + recordType.getName()));
    }
}
