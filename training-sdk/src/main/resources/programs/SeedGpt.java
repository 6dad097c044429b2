import ai.darwin.training.sdk.ArchitectureCard;
import ai.darwin.training.sdk.Batch;
import ai.darwin.training.sdk.Batches;
import ai.darwin.training.sdk.Budget;
import ai.darwin.training.sdk.TrainedModel;
import ai.darwin.training.sdk.TrainingContext;
import ai.darwin.training.sdk.TrainingProgram;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.AdamW;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The seed program: nanoGPT (model.py + train.py) for characters, in DJL.
 *
 * <p>A GPT with learned token and position embeddings, pre-LayerNorm blocks of causal multi-head self-attention and
 * a GELU MLP, a final LayerNorm, and an output head tied to the token embedding (logits = x · wteᵀ). AdamW with
 * nanoGPT's parameter groups (matrices and embeddings decay; LayerNorm gains and biases do not), linear warmup then
 * cosine decay of the learning rate, gradient clipping by global norm, dropout.
 *
 * <p>The GPU preset is nanoGPT's config/train_shakespeare_char.py; the CPU preset trains in about a minute on two cores.
 */
public class SeedGpt implements TrainingProgram {

    // ---- Model, GPU preset (nanoGPT shakespeare_char) ----
    static final int GPU_N_LAYER = 6;
    static final int GPU_N_HEAD = 6;
    static final int GPU_N_EMBD = 384;
    static final int GPU_BLOCK_SIZE = 256;
    static final int GPU_BATCH_SIZE = 64;
    static final float GPU_DROPOUT = 0.2f;
    static final float GPU_LEARNING_RATE = 1e-3f;

    // ---- Model, CPU preset (nanoGPT's README CPU recipe, scaled to about a minute on two cores) ----
    static final int CPU_N_LAYER = 4;
    static final int CPU_N_HEAD = 4;
    static final int CPU_N_EMBD = 128;
    static final int CPU_BLOCK_SIZE = 64;
    static final int CPU_BATCH_SIZE = 12;
    static final float CPU_DROPOUT = 0.0f;
    static final float CPU_LEARNING_RATE = 1e-3f;

    // ---- Both presets ----
    /** Linear layers and LayerNorms with biases (nanoGPT: False is a bit better and faster). */
    static final boolean BIAS = false;
    /** Decayed to MIN_LR_RATIO × the learning rate by the end of the budget (nanoGPT: lr / 10). */
    static final float MIN_LR_RATIO = 0.1f;
    static final int WARMUP_STEPS = 100;
    static final float WEIGHT_DECAY = 0.1f;
    static final float BETA1 = 0.9f;
    static final float BETA2 = 0.99f;
    static final float ADAM_EPSILON = 1e-8f;
    /** Clip gradients to this global L2 norm; 0 disables clipping. */
    static final float GRAD_CLIP = 1.0f;
    static final float INIT_STD = 0.02f;
    static final float LAYER_NORM_EPSILON = 1e-5f;
    /** Report the mean training loss every LOG_INTERVAL steps. */
    static final int LOG_INTERVAL = 10;

    /** The learning rate the optimizer reads at each update; set before every step. */
    private float learningRate;

    @Override
    public TrainedModel train(TrainingContext ctx) {
        Config cfg = ctx.preset().equals("gpu")
                ? new Config(GPU_N_LAYER, GPU_N_HEAD, GPU_N_EMBD, GPU_BLOCK_SIZE, GPU_BATCH_SIZE, GPU_DROPOUT,
                        GPU_LEARNING_RATE)
                : new Config(CPU_N_LAYER, CPU_N_HEAD, CPU_N_EMBD, CPU_BLOCK_SIZE, CPU_BATCH_SIZE, CPU_DROPOUT,
                        CPU_LEARNING_RATE);
        int vocab = ctx.vocabularySize();
        Gpt model = new Gpt(ctx.manager(), cfg, vocab);
        Optimizer optimizer = new GroupedAdamW(model, n -> learningRate);
        Loss crossEntropy = Loss.softmaxCrossEntropyLoss();
        Budget budget = ctx.budget();
        Batches batches = ctx.batches(cfg.batchSize(), cfg.blockSize());

        long step = 0;
        int stepsSinceReport = 0;
        // summed on the device and read once per report: reading the loss every step would stall a GPU
        NDArray lossSinceReport = ctx.manager().zeros(new Shape());
        while (!budget.exhausted()) {
            try (NDManager stepManager = ctx.manager().newSubManager()) {
                Batch batch = batches.next(stepManager);
                NDArray loss;
                try (GradientCollector collector = ctx.manager().getEngine().newGradientCollector()) {
                    NDArray logits = model.forward(batch.inputs(), true);
                    loss = crossEntropy.evaluate(new NDList(batch.targets().reshape(-1)),
                            new NDList(logits.reshape(-1, vocab)));
                    collector.backward(loss);
                }
                lossSinceReport.addi(loss.stopGradient());
                Map<String, NDArray> gradients = model.gradients(stepManager);
                clipByGlobalNorm(gradients.values(), GRAD_CLIP);
                learningRate = learningRate(step, budget.fractionUsed(), cfg.learningRate());
                for (Map.Entry<String, NDArray> parameter : model.parameters.entrySet()) {
                    optimizer.update(parameter.getKey(), parameter.getValue(), gradients.get(parameter.getKey()));
                }
            }
            step++;
            stepsSinceReport++;
            if (step % LOG_INTERVAL == 0 || budget.exhausted()) {
                double meanLoss = lossSinceReport.getFloat() / stepsSinceReport;
                ctx.progress().report(step, meanLoss);
                lossSinceReport.close();
                lossSinceReport = ctx.manager().zeros(new Shape());
                stepsSinceReport = 0;
                if (!Double.isFinite(meanLoss)) {
                    break;
                }
            }
        }
        ArchitectureCard card = new ArchitectureCard(cfg.nLayer(), cfg.nHead(), cfg.nEmbd(), cfg.blockSize());
        return TrainedModel.of(card, new ArrayList<>(model.parameters.values()), ids -> model.forward(ids, false));
    }

    /** Linear warmup over WARMUP_STEPS, then cosine decay to MIN_LR_RATIO × lr over the rest of the budget. */
    static float learningRate(long step, double budgetFraction, float maxLearningRate) {
        if (step < WARMUP_STEPS) {
            return maxLearningRate * (step + 1) / (WARMUP_STEPS + 1);
        }
        float minLearningRate = maxLearningRate * MIN_LR_RATIO;
        double coefficient = 0.5 * (1 + Math.cos(Math.PI * Math.min(1.0, budgetFraction)));
        return (float) (minLearningRate + coefficient * (maxLearningRate - minLearningRate));
    }

    /** Scales all gradients in place so that their joint L2 norm is at most maxNorm (torch's clip_grad_norm_). */
    static void clipByGlobalNorm(Collection<NDArray> gradients, float maxNorm) {
        if (maxNorm <= 0) {
            return;
        }
        NDList squaredNorms = new NDList();
        for (NDArray gradient : gradients) {
            squaredNorms.add(gradient.square().sum());
        }
        NDArray norm = NDArrays.stack(squaredNorms).sum().sqrt();
        // min(1, maxNorm / norm), kept on the device so that no step waits for it
        NDArray scale = norm.add(1e-6f).pow(-1f).mul(maxNorm).clip(0f, 1f);
        for (NDArray gradient : gradients) {
            gradient.muli(scale);
        }
    }

    record Config(int nLayer, int nHead, int nEmbd, int blockSize, int batchSize, float dropout,
                  float learningRate) {
    }

    /** The GPT. Every operation is called on an activation, so its result lives on the step's manager. */
    static final class Gpt {

        final Map<String, NDArray> parameters = new LinkedHashMap<>();
        private final Config cfg;
        private final NDArray tokenEmbedding;
        private final NDArray positionEmbedding;
        private final List<TransformerBlock> blocks = new ArrayList<>();
        private final NDArray finalNormGain;
        private final NDArray finalNormBias;

        Gpt(NDManager manager, Config cfg, int vocab) {
            this.cfg = cfg;
            if (cfg.nEmbd() % cfg.nHead() != 0) {
                throw new IllegalArgumentException("nEmbd must be a multiple of nHead");
            }
            int c = cfg.nEmbd();
            tokenEmbedding = parameter(manager, "wte", normal(manager, INIT_STD, vocab, c));
            positionEmbedding = parameter(manager, "wpe", normal(manager, INIT_STD, cfg.blockSize(), c));
            for (int i = 0; i < cfg.nLayer(); i++) {
                blocks.add(new TransformerBlock(this, manager, "h" + i + ".", cfg));
            }
            finalNormGain = parameter(manager, "ln_f.weight", manager.ones(new Shape(c)));
            finalNormBias = BIAS ? parameter(manager, "ln_f.bias", manager.zeros(new Shape(c))) : null;
        }

        /** @return logits [B, T, V] for token ids [B, T] */
        NDArray forward(NDArray ids, boolean training) {
            NDManager manager = ids.getManager();
            long t = ids.getShape().get(1);
            NDArray positions = manager.arange(0, t, 1, DataType.INT64);
            NDArray x = Embedding.embedding(ids, tokenEmbedding, SparseFormat.DENSE).singletonOrThrow()
                    .add(Embedding.embedding(positions, positionEmbedding, SparseFormat.DENSE).singletonOrThrow());
            x = dropout(x, cfg.dropout(), training);
            NDArray mask = causalMask(manager, t);
            for (TransformerBlock block : blocks) {
                x = block.forward(x, mask, training);
            }
            x = layerNorm(x, finalNormGain, finalNormBias);
            return Linear.linear(x, tokenEmbedding).singletonOrThrow();
        }

        /** @return each parameter's gradient, attached to the step's manager so that its handle is freed */
        Map<String, NDArray> gradients(NDManager stepManager) {
            Map<String, NDArray> gradients = new LinkedHashMap<>();
            for (Map.Entry<String, NDArray> parameter : parameters.entrySet()) {
                NDArray gradient = parameter.getValue().getGradient();
                gradient.attach(stepManager);
                gradients.put(parameter.getKey(), gradient);
            }
            return gradients;
        }

        NDArray parameter(NDManager manager, String name, NDArray value) {
            value.setRequiresGradient(true);
            parameters.put(name, value);
            return value;
        }
    }

    /** Pre-LayerNorm transformer block: x + attention(ln(x)), then x + mlp(ln(x)). */
    static final class TransformerBlock {

        private final Config cfg;
        private final NDArray norm1Gain;
        private final NDArray norm1Bias;
        private final NDArray attentionWeight;
        private final NDArray attentionBias;
        private final NDArray attentionProjectionWeight;
        private final NDArray attentionProjectionBias;
        private final NDArray norm2Gain;
        private final NDArray norm2Bias;
        private final NDArray mlpWeight;
        private final NDArray mlpBias;
        private final NDArray mlpProjectionWeight;
        private final NDArray mlpProjectionBias;

        TransformerBlock(Gpt gpt, NDManager manager, String prefix, Config cfg) {
            this.cfg = cfg;
            int c = cfg.nEmbd();
            // GPT-2's scaled init of the projections into the residual stream
            float projectionStd = (float) (INIT_STD / Math.sqrt(2.0 * cfg.nLayer()));
            norm1Gain = gpt.parameter(manager, prefix + "ln_1.weight", manager.ones(new Shape(c)));
            norm1Bias = BIAS ? gpt.parameter(manager, prefix + "ln_1.bias", manager.zeros(new Shape(c))) : null;
            attentionWeight = gpt.parameter(manager, prefix + "attn.c_attn.weight", normal(manager, INIT_STD, 3 * c, c));
            attentionBias = BIAS ? gpt.parameter(manager, prefix + "attn.c_attn.bias", manager.zeros(new Shape(3 * c)))
                    : null;
            attentionProjectionWeight = gpt.parameter(manager, prefix + "attn.c_proj.weight",
                    normal(manager, projectionStd, c, c));
            attentionProjectionBias = BIAS
                    ? gpt.parameter(manager, prefix + "attn.c_proj.bias", manager.zeros(new Shape(c))) : null;
            norm2Gain = gpt.parameter(manager, prefix + "ln_2.weight", manager.ones(new Shape(c)));
            norm2Bias = BIAS ? gpt.parameter(manager, prefix + "ln_2.bias", manager.zeros(new Shape(c))) : null;
            mlpWeight = gpt.parameter(manager, prefix + "mlp.c_fc.weight", normal(manager, INIT_STD, 4 * c, c));
            mlpBias = BIAS ? gpt.parameter(manager, prefix + "mlp.c_fc.bias", manager.zeros(new Shape(4 * c))) : null;
            mlpProjectionWeight = gpt.parameter(manager, prefix + "mlp.c_proj.weight",
                    normal(manager, projectionStd, c, 4 * c));
            mlpProjectionBias = BIAS
                    ? gpt.parameter(manager, prefix + "mlp.c_proj.bias", manager.zeros(new Shape(c))) : null;
        }

        NDArray forward(NDArray x, NDArray mask, boolean training) {
            x = x.add(attention(layerNorm(x, norm1Gain, norm1Bias), mask, training));
            return x.add(mlp(layerNorm(x, norm2Gain, norm2Bias), training));
        }

        /** Causal multi-head self-attention, softmax(q·kᵀ/√d + mask)·v, written out. */
        private NDArray attention(NDArray x, NDArray mask, boolean training) {
            Shape shape = x.getShape();
            long b = shape.get(0);
            long t = shape.get(1);
            long c = shape.get(2);
            long headDim = c / cfg.nHead();
            NDList qkv = linear(x, attentionWeight, attentionBias).split(3, 2);
            NDArray q = splitHeads(qkv.get(0), b, t, headDim);
            NDArray k = splitHeads(qkv.get(1), b, t, headDim);
            NDArray v = splitHeads(qkv.get(2), b, t, headDim);
            NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).mul(1.0 / Math.sqrt(headDim)).add(mask);
            NDArray weights = dropout(scores.softmax(-1), cfg.dropout(), training);
            NDArray y = weights.matMul(v).transpose(0, 2, 1, 3).reshape(b, t, c);
            return dropout(linear(y, attentionProjectionWeight, attentionProjectionBias), cfg.dropout(), training);
        }

        private NDArray splitHeads(NDArray a, long b, long t, long headDim) {
            return a.reshape(b, t, cfg.nHead(), headDim).transpose(0, 2, 1, 3);
        }

        private NDArray mlp(NDArray x, boolean training) {
            NDArray hidden = Activation.gelu(linear(x, mlpWeight, mlpBias));
            return dropout(linear(hidden, mlpProjectionWeight, mlpProjectionBias), cfg.dropout(), training);
        }
    }

    /** AdamW with nanoGPT's parameter groups: tensors of rank 2 or more decay, the rest (gains, biases) do not. */
    static final class GroupedAdamW extends Optimizer {

        private final Map<String, NDArray> parameters;
        private final Optimizer decayed;
        private final Optimizer undecayed;

        GroupedAdamW(Gpt model, Tracker learningRate) {
            super(new Settings());
            this.parameters = model.parameters;
            this.decayed = adamW(learningRate, WEIGHT_DECAY);
            this.undecayed = adamW(learningRate, 0f);
        }

        @Override
        public void update(String parameterId, NDArray weight, NDArray grad) {
            boolean decays = parameters.get(parameterId).getShape().dimension() >= 2;
            (decays ? decayed : undecayed).update(parameterId, weight, grad);
        }

        private static Optimizer adamW(Tracker learningRate, float weightDecay) {
            return AdamW.builder().optLearningRateTracker(learningRate).optBeta1(BETA1).optBeta2(BETA2)
                    .optEpsilon(ADAM_EPSILON).optWeightDecays(weightDecay).build();
        }

        private static final class Settings extends OptimizerBuilder<Settings> {
            @Override
            protected Settings self() {
                return this;
            }
        }
    }

    /** @return 0 where a position may attend (itself and earlier), -∞ where it may not (later), [T, T] */
    static NDArray causalMask(NDManager manager, long t) {
        NDArray positions = manager.arange(0, t, 1, DataType.INT64);
        NDArray future = positions.reshape(1, t).gt(positions.reshape(t, 1));
        Shape square = new Shape(t, t);
        return NDArrays.where(future, manager.full(square, Float.NEGATIVE_INFINITY), manager.zeros(square));
    }

    static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
        return (bias == null ? Linear.linear(x, weight) : Linear.linear(x, weight, bias)).singletonOrThrow();
    }

    static NDArray layerNorm(NDArray x, NDArray gain, NDArray bias) {
        long c = x.getShape().get(x.getShape().dimension() - 1);
        NDArray beta = bias == null ? x.getManager().zeros(new Shape(c)) : bias;
        return LayerNorm.layerNorm(x, new Shape(c), gain, beta, LAYER_NORM_EPSILON).singletonOrThrow();
    }

    static NDArray dropout(NDArray x, float rate, boolean training) {
        return training && rate > 0 ? Dropout.dropout(x, rate, true).singletonOrThrow() : x;
    }

    static NDArray normal(NDManager manager, float std, long rows, long columns) {
        return manager.randomNormal(0f, std, new Shape(rows, columns), DataType.FLOAT32);
    }
}
