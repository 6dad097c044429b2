package ai.darwin.local.cli;

import ai.darwin.events.DarwinEvent;
import ai.darwin.events.EventCodec;
import ai.darwin.events.MalformedEventException;
import ai.darwin.events.Topics;
import ai.darwin.events.generation.AssignmentKind;
import ai.darwin.events.generation.GenerationClosed;
import ai.darwin.events.generation.GenerationOpened;
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
import ai.darwin.platform.kafka.TopicFollower;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * Follows one run on the topics, as any outside subscriber could, and shows it in the terminal: a progress bar per
 * training variant, a line per result, a summary line per generation. Returns every event of the run it saw.
 */
final class RunWatcher {

    private static final int BAR = 24;
    private static final List<String> TOPICS = List.of(Topics.RUNS.name(), Topics.GENERATIONS.name(),
            Topics.VARIANTS.name(), Topics.TRAINING_PROGRESS.name(), Topics.TRAINING_RESULTS.name());

    /** Where an event stands in a run's life, for events made in the same millisecond; others rank 8. */
    private static final Map<Class<?>, Integer> STAGES = Map.of(RunRequested.class, 0, RunStarted.class, 1,
            GenerationOpened.class, 2, VariantProposed.class, 3, TrainingStarted.class, 4, TrainingProgress.class, 5,
            TrainingCompleted.class, 6, TrainingFailed.class, 6, GenerationClosed.class, 7, RunCompleted.class, 9);
    /** A broker that does not answer within this is not going to. */
    private static final Duration CATCH_UP = Duration.ofMinutes(2);

    private final String bootstrap;
    private final String runId;
    private final boolean terminal = System.console() != null;
    private final Map<String, Integer> shownPercent = new HashMap<>();
    /** The verification's re-trainings announced so far: more arrive while the answer is not clear. */
    private final Set<String> verifying = new HashSet<>();
    private int verificationGeneration = -1;
    private final List<DarwinEvent> events = new ArrayList<>();
    private boolean barOpen;
    /** The run's LLM cost cap (from its request) and what its closed generations have spent, for the spend line. */
    private double costCapUsd;
    private double spentUsd;

    RunWatcher(String bootstrap, String runId) {
        this.bootstrap = bootstrap;
        this.runId = runId;
    }

    /**
     * Watches until the run completes (or the thread is interrupted); returns the completion, if seen. What the
     * topics already hold of the run (a resumed run's finished work) is shown first, in the order it happened;
     * then each event as it arrives.
     */
    RunCompleted watch() {
        BlockingQueue<DarwinEvent> arrived = new LinkedBlockingQueue<>();
        try (TopicFollower follower = follower(arrived)) {
            for (DarwinEvent event : catchUp(follower, arrived)) {
                RunCompleted completed = seen(event, false);
                if (completed != null) {
                    return completed;
                }
            }
            while (!Thread.currentThread().isInterrupted()) {
                DarwinEvent event = arrived.poll(500, TimeUnit.MILLISECONDS);
                RunCompleted completed = event == null ? null : seen(event, true);
                if (completed != null) {
                    return completed;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    List<DarwinEvent> events() {
        return events;
    }

    /** Reads, without showing them, the run's events that the topics hold now, in the order they happened. */
    List<DarwinEvent> replay() {
        BlockingQueue<DarwinEvent> arrived = new LinkedBlockingQueue<>();
        try (TopicFollower follower = follower(arrived)) {
            events.addAll(catchUp(follower, arrived));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return events;
    }

    /** Starts following and returns, in order, what the topics held of the run when it started. */
    private List<DarwinEvent> catchUp(TopicFollower follower, BlockingQueue<DarwinEvent> arrived)
            throws InterruptedException {
        follower.start();
        try {
            follower.firstCatchUp().toCompletableFuture().get(CATCH_UP.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not read the run's topics from the broker at " + bootstrap, e);
        }
        List<DarwinEvent> backlog = new ArrayList<>();
        arrived.drainTo(backlog);
        return inOrder(backlog);
    }

    /**
     * The events in the order they happened. The topics deliver each partition in order but the partitions in
     * any order, so a variant's result (on the results topic) can come before its start (on the progress topic):
     * by the time each was made, and where two share a millisecond, by where they stand in a variant's life.
     */
    static List<DarwinEvent> inOrder(List<DarwinEvent> events) {
        return events.stream().sorted(Comparator.comparing(DarwinEvent::timestamp)
                .thenComparingInt(RunWatcher::stage)).toList();
    }

    private static int stage(DarwinEvent event) {
        return STAGES.getOrDefault(event.getClass(), 8);
    }

    /** Keeps and shows an event; a replayed progress bar is left out, since its variant has moved on. */
    private RunCompleted seen(DarwinEvent event, boolean live) {
        events.add(event);
        if (live || !(event instanceof TrainingProgress)) {
            show(event);
        }
        if (event instanceof RunCompleted completed) {
            endBar();
            return completed;
        }
        return null;
    }

    private TopicFollower follower(BlockingQueue<DarwinEvent> arrived) {
        return new TopicFollower("darwin-cli", Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                TOPICS, record -> {
                    try {
                        DarwinEvent event = EventCodec.readAny(record.value());
                        if (event.runId().equals(runId)) {
                            arrived.add(event);
                        }
                    } catch (MalformedEventException e) {
                        // not part of any run
                    }
                });
    }

    private void show(DarwinEvent event) {
        if (event instanceof RunRequested requested) {
            costCapUsd = requested.config().costCapUsd();
        } else if (event instanceof GenerationOpened opened) {
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
            spentUsd += closed.statistics().costUsd();
            System.out.println(RunLines.spend(spentUsd, costCapUsd));
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
