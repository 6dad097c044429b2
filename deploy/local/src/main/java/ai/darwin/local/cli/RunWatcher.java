package ai.darwin.local.cli;

import ai.darwin.events.DarwinEvent;
import ai.darwin.events.EventCodec;
import ai.darwin.events.MalformedEventException;
import ai.darwin.events.Topics;
import ai.darwin.events.generation.GenerationClosed;
import ai.darwin.events.generation.GenerationOpened;
import ai.darwin.events.generation.AssignmentKind;
import ai.darwin.events.run.RunCompleted;
import ai.darwin.events.run.RunPaused;
import ai.darwin.events.run.RunResumed;
import ai.darwin.events.run.RunStopped;
import ai.darwin.events.training.TrainingCompleted;
import ai.darwin.events.training.TrainingFailed;
import ai.darwin.events.training.TrainingProgress;
import ai.darwin.events.training.TrainingStarted;
import ai.darwin.events.variant.VariantProposed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows one run on the topics, as any outside subscriber could, and shows it in the terminal: a progress bar per
 * training variant, a line per result, a summary line per generation. Returns every event of the run it saw.
 */
final class RunWatcher {

    private static final int BAR = 24;

    private final String bootstrap;
    private final String runId;
    private final boolean terminal = System.console() != null;
    private final Map<String, Integer> shownPercent = new HashMap<>();
    /** The verification's re-trainings announced so far: more arrive while the answer is not clear. */
    private final Set<String> verifying = new HashSet<>();
    private int verificationGeneration = -1;
    private final List<DarwinEvent> events = new ArrayList<>();
    private boolean barOpen;

    RunWatcher(String bootstrap, String runId) {
        this.bootstrap = bootstrap;
        this.runId = runId;
    }

    /** Watches until the run completes (or the thread is interrupted); returns the completion, if seen. */
    RunCompleted watch() {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("group.id", "darwin-cli-" + UUID.randomUUID());
        props.put("auto.offset.reset", "earliest");
        props.put("enable.auto.commit", "false");
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.RUNS.name(), Topics.GENERATIONS.name(), Topics.VARIANTS.name(),
                    Topics.TRAINING_PROGRESS.name(), Topics.TRAINING_RESULTS.name()));
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    DarwinEvent event;
                    try {
                        event = EventCodec.readAny(record.value());
                    } catch (MalformedEventException e) {
                        continue;
                    }
                    if (!event.runId().equals(runId)) {
                        continue;
                    }
                    events.add(event);
                    show(event);
                    if (event instanceof RunCompleted completed) {
                        endBar();
                        return completed;
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.InterruptException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    List<DarwinEvent> events() {
        return events;
    }

    /** Reads, without showing them, the run's events that the topics hold now; for a report after the fact. */
    List<DarwinEvent> replay() {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("enable.auto.commit", "false");
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(Topics.RUNS.name(), Topics.GENERATIONS.name(), Topics.VARIANTS.name(),
                    Topics.TRAINING_PROGRESS.name(), Topics.TRAINING_RESULTS.name())) {
                consumer.partitionsFor(topic, Duration.ofSeconds(30))
                        .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    try {
                        DarwinEvent event = EventCodec.readAny(record.value());
                        if (event.runId().equals(runId)) {
                            events.add(event);
                        }
                    } catch (MalformedEventException e) {
                        // not part of any run's report
                    }
                }
            }
        }
        return events;
    }

    private void show(DarwinEvent event) {
        if (event instanceof GenerationOpened opened) {
            endBar();
            long mutations = opened.assignments().stream().filter(a -> a.kind() == AssignmentKind.MUTATE).count();
            long controls = opened.assignments().stream().filter(a -> a.targetAgentId().equals("baseline")).count();
            boolean verification = mutations == 0;
            if (verification) {
                verificationGeneration = opened.generation();
                opened.assignments().forEach(a -> verifying.add(a.assignmentId()));
            }
            System.out.printf("%nGeneration %d: %s%n", opened.generation(), verification
                    ? "verifying the champion against the seed program: " + opened.assignments().size() / 2
                            + " pairs of re-trainings with the same seed, more while the answer is not clear"
                    : mutations + " mutations + the unmodified seed as control" + (controls > 1
                            ? " (" + controls + " seeds: the run's noise floor)" : ""));
        } else if (event instanceof VariantProposed added && added.generation() == verificationGeneration
                && verifying.add(added.variantId()) && added.targetAgentId().equals("baseline")) {
            endBar();
            System.out.printf("  + another pair (seed %d): the answer is not clear yet%n", added.trainingSeed());
        } else if (event instanceof TrainingStarted started) {
            endBar();
            System.out.printf("  > %s training on %s%s%n", started.variantId(), started.workerId(),
                    started.attempt() > 1 ? " (attempt " + started.attempt() + ")" : "");
        } else if (event instanceof TrainingProgress progress) {
            bar(progress);
        } else if (event instanceof TrainingCompleted completed) {
            endBar();
            System.out.println(RunLines.completed(completed));
        } else if (event instanceof TrainingFailed failed) {
            endBar();
            System.out.printf("  FAILED %s  %s: %s%n", failed.variantId(), failed.failureClass(),
                    failed.message().lines().findFirst().orElse(""));
        } else if (event instanceof GenerationClosed closed) {
            endBar();
            RunLines.closed(closed).forEach(System.out::println);
        } else if (event instanceof RunPaused paused) {
            System.out.println("Run paused by " + paused.by() + ": " + paused.reason());
        } else if (event instanceof RunResumed resumed) {
            System.out.println("Run resumed by " + resumed.by());
        } else if (event instanceof RunStopped stopped) {
            System.out.println("Run stopping (" + stopped.reason() + "): the current generation closes first");
        }
    }

    private void bar(TrainingProgress progress) {
        int percent = (int) Math.round(100 * Math.min(1, Math.max(0, progress.fractionDone())));
        Integer shown = shownPercent.get(progress.variantId());
        if (!terminal && shown != null && percent - shown < 25) {
            return;
        }
        shownPercent.put(progress.variantId(), percent);
        int filled = percent * BAR / 100;
        String line = String.format("    [%s%s] %3d%%  step %d  loss %.3f  %,.0f tok/s  ETA %.0f s",
                "#".repeat(filled), "-".repeat(BAR - filled), percent, progress.step(), progress.trainLoss(),
                progress.tokensPerSecond(), progress.etaSeconds());
        if (terminal) {
            System.out.print("\r" + line + "   ");
            barOpen = true;
        } else {
            System.out.println(line);
        }
    }

    private void endBar() {
        if (barOpen) {
            System.out.println();
            barOpen = false;
        }
    }
}
