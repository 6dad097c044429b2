package ai.darwin.mutation.offline;

import static ai.darwin.mutation.offline.ValueKnob.choice;
import static ai.darwin.mutation.offline.ValueKnob.logUniform;
import static ai.darwin.mutation.offline.ValueKnob.scale;
import static ai.darwin.mutation.offline.ValueKnob.step;
import static ai.darwin.mutation.offline.ValueKnob.toggle;

import java.util.List;

/** The offline mutator's catalogue: what a hyperparameter search over the seed program would try. */
final class Knobs {

    static final String MODEL = "model size";
    static final String SHAPE = "context and batch";
    static final String OPTIMIZER = "optimizer";
    static final String SCHEDULE = "schedule";
    static final String REGULARISATION = "regularisation";
    static final String NORMALISATION = "normalisation";
    static final String INITIALISATION = "initialisation";

    static final List<Knob> ALL = List.of(
            new ValueKnob("N_LAYER", MODEL, "depth", step(1, 24, -2, -1, 1, 2),
                    "A deeper model composes more steps of computation per token; it costs more per step, so it "
                            + "pays off when the budget still allows enough steps.",
                    "A shallower model runs more steps within the same budget, which can win when training is "
                            + "step-limited."),
            new WidthHeadsKnob(),
            new ValueKnob("BLOCK_SIZE", SHAPE, "context length", scale(16, 512, 0.5, 2.0),
                    "A longer context lets the model use more history per prediction; attention cost grows with "
                            + "its square.",
                    "A shorter context makes attention cheaper, so more tokens train within the same time."),
            new ValueKnob("BATCH_SIZE", SHAPE, "batch size", scale(1, 512, 0.5, 0.75, 1.5, 2.0),
                    "A larger batch gives less noisy gradients and better hardware use, at fewer optimizer steps "
                            + "for the same tokens.",
                    "A smaller batch takes more optimizer steps for the same tokens, which often helps early in "
                            + "a short budget."),
            new ValueKnob("LEARNING_RATE", OPTIMIZER, "peak learning rate", logUniform(3.0),
                    "A larger step size can reach a lower loss within a short fixed budget if training stays stable.",
                    "A smaller step size trades speed for stability; it helps when the loss is noisy or spikes."),
            new ValueKnob("BETA1", OPTIMIZER, "Adam beta1", choice(0.8, 0.85, 0.9, 0.95),
                    "More momentum smooths noisy gradients of small batches.",
                    "Less momentum reacts faster to the changing loss surface of a short run."),
            new ValueKnob("BETA2", OPTIMIZER, "Adam beta2", choice(0.95, 0.98, 0.99, 0.995, 0.999),
                    "A longer second-moment average gives steadier per-parameter step sizes.",
                    "A shorter second-moment average adapts faster and guards against stale, too-large steps "
                            + "(nanoGPT uses 0.95–0.99 for small models)."),
            new ValueKnob("WEIGHT_DECAY", OPTIMIZER, "weight decay", choice(0.0, 0.01, 0.05, 0.1, 0.2, 0.3),
                    "Stronger decay regularises the weights, which helps when the model overfits the training split.",
                    "Weaker decay lets a short run fit faster; regularisation matters less when every token is "
                            + "seen about once."),
            new ValueKnob("ADAM_EPSILON", OPTIMIZER, "Adam epsilon", choice(1e-10, 1e-8, 1e-7, 1e-6),
                    "A larger epsilon damps the steps of parameters with tiny gradient variance, for stability.",
                    "A smaller epsilon keeps Adam's per-parameter scaling exact for parameters with small gradients."),
            new ValueKnob("GRAD_CLIP", OPTIMIZER, "gradient clipping norm", choice(0.0, 0.5, 1.0, 2.0, 5.0),
                    "A looser clip (or none) lets large, informative gradients through early in training.",
                    "A tighter clip guards against loss spikes, so a higher learning rate stays stable."),
            new ValueKnob("WARMUP_STEPS", SCHEDULE, "warmup steps", choice(0, 10, 20, 50, 100, 200, 400),
                    "A longer warmup protects the first steps, while Adam's moment estimates are still poor.",
                    "A shorter warmup spends more of a short budget at the full learning rate."),
            new ValueKnob("MIN_LR_RATIO", SCHEDULE, "final learning rate (fraction of peak)",
                    choice(0.0, 0.05, 0.1, 0.2, 0.3, 0.5),
                    "Decaying less keeps learning fast until the end of a short budget.",
                    "Decaying further anneals the weights into a sharper minimum at the end of the budget."),
            new ValueKnob("DROPOUT", REGULARISATION, "dropout", choice(0.0, 0.05, 0.1, 0.15, 0.2, 0.3),
                    "More dropout regularises, which helps if validation loss lags the training loss.",
                    "Less dropout fits faster; a short run that sees each token about once rarely overfits."),
            new RmsNormKnob(),
            new ValueKnob("LAYER_NORM_EPSILON", NORMALISATION, "normalisation epsilon", choice(1e-6, 1e-5, 1e-4),
                    "A larger epsilon damps the normalisation of near-zero activations, for stability.",
                    "A smaller epsilon normalises small activations more exactly."),
            new ValueKnob("BIAS", NORMALISATION, "biases in linear layers and norms", toggle(),
                    "Biases add a few parameters that let layers shift their outputs.",
                    "Without biases the model is a little smaller and faster, and nanoGPT found it slightly better."),
            new ActivationKnob(),
            new ValueKnob("INIT_STD", INITIALISATION, "initialisation std", choice(0.01, 0.015, 0.02, 0.025, 0.03),
                    "A larger initial scale starts the network further from zero, with stronger initial signals.",
                    "A smaller initial scale starts closer to a linear, stable regime."));

    private Knobs() {
    }
}
