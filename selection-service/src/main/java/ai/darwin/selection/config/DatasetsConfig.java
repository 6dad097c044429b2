package ai.darwin.selection.config;

import ai.darwin.platform.input.DatasetSources;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

/** Where a submitted run's dataset may come from (checked by {@link DatasetSources} at {@code POST /runs}). */
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

    default DatasetSources sources() {
        return new DatasetSources(allowedSchemes(), allowedHosts(), allowedDirectories());
    }
}
