package ai.darwin.training.harness;

import ai.darwin.training.harness.data.Dataset;
import ai.darwin.training.harness.eval.EngineArrays;
import ai.darwin.training.harness.eval.FreshModels;
import ai.darwin.training.harness.eval.ModelSnapshot;
import ai.darwin.training.harness.eval.Scoring;
import ai.darwin.training.harness.eval.ValidationSet;
import ai.darwin.training.harness.metrics.CompressionFloor;
import ai.darwin.training.harness.metrics.PeakFlops;
import ai.darwin.training.harness.metrics.UnigramBaseline;
import ai.djl.Device;
import ai.djl.engine.Engine;

import java.io.IOException;
import java.util.Objects;

/**
 * Everything a run needs that must not depend on the program's code, made before any of it is loaded: the data and
 * its held-out windows, the engine, the preset, the peak FLOP/s, and the floors a score is held to. A failure here is
 * never the program's: it is INFRASTRUCTURE.
 *
 * @param data        the corpus, tokenized and split
 * @param engine      the engine, as the harness found it before any program ran
 * @param device      where training runs
 * @param deviceName  the device's name for the report
 * @param preset      {@code cpu} or {@code gpu}
 * @param evaluation  the held-out batches' spec
 * @param validation  the held-out windows
 * @param unigram     the cross-entropy a unigram model of the training text scores on the held-out targets
 * @param valFloor    the lowest val_bpb the harness believes ({@link CompressionFloor})
 * @param peakFlops   the configured peak, or the CPU's measured one; 0 on a GPU without a configured peak
 * @param engineArrays the engine's own array class, against which the program's arrays are checked
 */
record Preparation(Dataset data, Engine engine, Device device, String deviceName, String preset,
                   HarnessConfig.Evaluation evaluation, ValidationSet validation, double unigram, double valFloor,
                   double peakFlops, EngineArrays engineArrays) {

    static Preparation of(HarnessConfig config, RunTimings timings) throws HarnessException {
        timings.lap();
        Dataset data = load(config);
        timings.dataSeconds = timings.lap();
        Engine engine = loadEngine();
        Device device = engine.getGpuCount() > 0 ? Device.gpu() : Device.cpu();
        EngineArrays engineArrays = EngineArrays.of(device);
        timings.engineSeconds = timings.lap();
        String preset = config.preset() != null ? config.preset() : device.isGpu() ? "gpu" : "cpu";
        HarnessConfig.Evaluation spec = config.evaluation() != null ? config.evaluation()
                : preset.equals("gpu") ? HarnessConfig.Evaluation.gpu() : HarnessConfig.Evaluation.cpu();
        ValidationSet validation;
        try {
            validation = ValidationSet.of(data.split().validation(), spec);
        } catch (IllegalArgumentException e) {
            throw new HarnessException(FailureClass.INFRASTRUCTURE, e.getMessage(), e);
        }
        int vocabulary = data.tokenizer().vocabularySize();
        double unigram = UnigramBaseline.crossEntropy(data.split().train(), vocabulary, validation.targets());
        double floor = CompressionFloor.bitsPerByte(data.tokenizer().decode(data.split().train()),
                data.tokenizer().decode(data.split().validation()));
        timings.dataSeconds += timings.lap();
        String deviceName = device.isGpu() ? Objects.requireNonNullElse(PeakFlops.gpuName(), "gpu") : "cpu";
        // a GPU's peak depends on the type the model trains in: known only after training (peakFor)
        double peak = config.peakFlops() > 0 ? config.peakFlops() : device.isGpu() ? 0 : PeakFlops.measuredCpu();
        timings.engineSeconds += timings.lap();
        return new Preparation(data, engine, device, deviceName, preset, spec, validation, unigram, floor, peak,
                engineArrays);
    }

    /** @return the peak MFU divides by, for the element type the model trained in */
    double peakFor(ai.djl.ndarray.types.DataType trained) {
        return peakFlops > 0 ? peakFlops : device.isGpu() ? PeakFlops.forGpu(deviceName, trained) : 0;
    }

    int vocabulary() {
        return data.tokenizer().vocabularySize();
    }

    /** @return the builder of fresh models for a trained snapshot */
    FreshModels fresh(FreshModels.Programs programs, ModelSnapshot snapshot, HarnessConfig config) {
        return new FreshModels(programs, snapshot, new FreshModels.Spec(device, preset, vocabulary(), config.seed(),
                data.split().train(), config.maxTokens(), config.maxSeconds()), engine, engineArrays);
    }

    Scoring.Inputs scoringInputs() {
        return new Scoring.Inputs(data.tokenizer(), validation, data.split().validation());
    }

    private static Dataset load(HarnessConfig config) throws HarnessException {
        try {
            return Dataset.load(config.corpus(), config.validationFraction(), config.extraCorpora());
        } catch (IOException | RuntimeException e) {
            throw new HarnessException(FailureClass.INFRASTRUCTURE, "cannot load corpus " + config.corpus().uri()
                    + ": " + e.getMessage(), e);
        }
    }

    private static Engine loadEngine() throws HarnessException {
        try {
            return Engine.getInstance();
        } catch (RuntimeException | LinkageError e) {
            throw new HarnessException(FailureClass.INFRASTRUCTURE, "the DJL engine failed to load: " + e, e);
        }
    }
}
