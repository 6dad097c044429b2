/**
 * The training harness: fixed code that owns the data, the budget and the scoring. It runs a
 * {@link ai.darwin.training.sdk.TrainingProgram} through {@link ai.darwin.training.harness.HarnessRunner} and
 * returns a {@link ai.darwin.training.harness.HarnessReport}: the metrics it measured itself, or a classified failure.
 */
package ai.darwin.training.harness;
