package ai.darwin.training.worker;

import ai.darwin.events.Sha256;
import ai.darwin.events.run.DatasetSpec;
import ai.darwin.events.run.ExtraCorpus;
import ai.darwin.events.training.TrainedCorpus;
import ai.darwin.events.variant.VariantProposed;
import ai.darwin.platform.input.DatasetSources;
import ai.darwin.training.harness.data.CorpusSource;
import ai.darwin.training.harness.data.ExtraSource;
import ai.darwin.training.sandbox.Corpora;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place a worker turns the corpora a variant names into files its child may read. Only POST /runs checked
 * the run's dataset against the allow-list, and a VariantProposed is anybody's to write on the broker: so every
 * corpus is checked again here, where it is read. An approved extra corpus must also be no larger than the
 * configured cap and have the SHA-256 recorded when it was approved.
 */
final class CorpusGate {

    /** A corpus the variant may not train on: the variant fails with {@code DATASET_REFUSED}, the worker goes on. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    /**
     * What a variant trains on.
     *
     * @param corpus  the run's own corpus, a local file: trained and validated on
     * @param extras  the approved extras that apply to the variant's lineage, local files: trained on only
     * @param trained what the variant's result says it trained on
     */
    record Mixture(CorpusSource corpus, List<ExtraSource> extras, List<TrainedCorpus> trained) {
    }

    private final Corpora corpora;
    private final DatasetSources sources;
    private final long maxExtraBytes;

    CorpusGate(Corpora corpora, DatasetSources sources, long maxExtraBytes) {
        this.corpora = corpora;
        this.sources = sources;
        this.maxExtraBytes = maxExtraBytes;
    }

    /**
     * @throws Refused     for a corpus outside the allow-list, above the cap or with another checksum
     * @throws IOException for a corpus that cannot be read or fetched now (infrastructure)
     */
    Mixture resolve(VariantProposed variant) throws Refused, IOException {
        DatasetSpec dataset = variant.dataset();
        Path own = read(dataset.uri(), dataset.sha256(), Long.MAX_VALUE);
        List<TrainedCorpus> trained = new ArrayList<>();
        trained.add(new TrainedCorpus(dataset.uri(), verified(own, dataset.uri(), dataset.sha256()), null));
        List<ExtraSource> extras = new ArrayList<>();
        for (ExtraCorpus extra : dataset.extrasFor(variant.targetAgentId())) {
            Path local = read(extra.uri(), extra.sha256(), maxExtraBytes);
            if (Files.size(local) > maxExtraBytes) {
                throw new Refused("extra corpus " + extra.uri() + " is " + Files.size(local)
                        + " bytes, above the cap of " + maxExtraBytes + " (darwin.datasets.max-extra-corpus-size)");
            }
            String sha256 = verified(local, extra.uri(), extra.sha256());
            extras.add(new ExtraSource(new CorpusSource(local.toString(), sha256), extra.weight()));
            trained.add(new TrainedCorpus(extra.uri(), sha256, extra.requestId()));
        }
        return new Mixture(new CorpusSource(own.toString(), dataset.sha256()), extras, trained);
    }

    private Path read(String uri, String sha256, long maxBytes) throws Refused, IOException {
        var refusal = sources.refusal(uri);
        if (refusal.isPresent()) {
            throw new Refused("dataset '" + uri + "' is not allowed: " + refusal.get()
                    + " (the operator sets darwin.datasets.allowed-*)");
        }
        try {
            return corpora.local(uri, sha256, maxBytes);
        } catch (Corpora.Refused e) {
            throw new Refused(e.getMessage());
        }
    }

    private static String verified(Path local, String uri, String expected) throws Refused, IOException {
        String actual = Sha256.of(local);
        if (expected != null && !expected.equalsIgnoreCase(actual)) {
            throw new Refused("corpus " + uri + " has SHA-256 " + actual + ", expected " + expected);
        }
        return actual;
    }
}
