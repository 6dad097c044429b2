package ai.darwin.platform.input;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

/**
 * Where a dataset may come from, as {@link DatasetSources} checks it: at {@code POST /runs} (selection-service), when
 * a human approves a corpus (hitl-service), and wherever a worker reads one (training-service). One mapping, so that
 * every service reads the same {@code darwin.datasets.allowed-*} settings.
 */
@ConfigMapping(prefix = "darwin.datasets")
public interface DatasetsConfig {

    /** URL schemes a dataset may use; {@code file} allows local paths (in the directories below). */
    @WithDefault("file,https")
    List<String> allowedSchemes();

    /** Hosts a dataset URL may name, exactly. */
    @WithDefault("raw.githubusercontent.com,huggingface.co")
    List<String> allowedHosts();

    /** Directories a local dataset must lie in. */
    List<String> allowedDirectories();

    /**
     * The largest approved extra corpus (MORE_DATA): hitl-service refuses to approve a larger one, and a worker stops
     * reading at this size and fails the variant with DATASET_REFUSED, so no approved URL can fill its disk.
     */
    @WithDefault("64M")
    MemorySize maxExtraCorpusSize();

    default DatasetSources sources() {
        return new DatasetSources(allowedSchemes(), allowedHosts(), allowedDirectories());
    }

    /** The whole check of a run request, its datasets against these sources. */
    default RunRequestCheck runRequests() {
        return new RunRequestCheck(sources());
    }
}
