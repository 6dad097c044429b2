/**
 * The training SDK: everything a Darwin training program may use beyond DJL and a few JDK packages.
 *
 * <p>A program is one class implementing {@link ai.darwin.training.sdk.TrainingProgram}. The harness hands it a
 * {@link ai.darwin.training.sdk.TrainingContext} (engine manager, device, vocabulary size, seed, budget and a source
 * of training batches) and receives a {@link ai.darwin.training.sdk.TrainedModel}. The harness, never the program,
 * holds the validation data, counts the tokens drawn, counts the parameters and computes every score. It evaluates a
 * model by building it afresh, with the trained weights, for every batch it scores (see
 * {@link ai.darwin.training.sdk.TrainingProgram}).
 */
package ai.darwin.training.sdk;
