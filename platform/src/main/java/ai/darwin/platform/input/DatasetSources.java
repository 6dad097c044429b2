package ai.darwin.platform.input;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where a run's dataset may come from, as the operator configured it: URL schemes ({@code https}, and {@code file}
 * for local paths), the hosts a URL may name, and the directories a local path must lie in. Whoever can submit a
 * run names its dataset, and workers read or fetch it: without this, a run could make a worker read the host's files
 * or fetch internal URLs. A path is compared after resolving {@code ..} and, where the file exists, symbolic links.
 */
public final class DatasetSources {

    private final Set<String> schemes;
    private final Set<String> hosts;
    private final List<Path> directories;

    public DatasetSources(Collection<String> schemes, Collection<String> hosts, Collection<String> directories) {
        this.schemes = lower(schemes);
        this.hosts = lower(hosts);
        this.directories = directories.stream().map(String::strip).filter(d -> !d.isEmpty())
                .map(d -> real(Path.of(d))).toList();
    }

    /** @throws IllegalArgumentException saying why {@code uri} is refused and what is allowed */
    public void check(String uri) {
        refusal(uri).ifPresent(reason -> {
            throw new IllegalArgumentException("dataset '" + uri + "' is not allowed: " + reason + " (allowed: "
                    + describe() + "; the operator sets darwin.datasets.allowed-*)");
        });
    }

    /** @return why {@code uri} is refused, or empty when it is allowed */
    public Optional<String> refusal(String uri) {
        String lower = uri.strip().toLowerCase(Locale.ROOT);
        if (lower.startsWith("file:")) {
            return localFile(() -> Path.of(URI.create(uri.strip())));
        }
        int colon = lower.indexOf(':');
        if (colon > 1 && lower.substring(0, colon).matches("[a-z][a-z0-9+.-]*")) {
            return url(uri.strip(), lower.substring(0, colon));
        }
        return localFile(() -> Path.of(uri.strip()));
    }

    private Optional<String> url(String uri, String scheme) {
        if (!schemes.contains(scheme)) {
            return Optional.of("scheme '" + scheme + "' is not allowed");
        }
        URI parsed;
        try {
            parsed = URI.create(uri);
        } catch (IllegalArgumentException e) {
            return Optional.of("not a valid URL");
        }
        if (parsed.getRawUserInfo() != null) {
            return Optional.of("a URL with credentials in it is not allowed");
        }
        String host = parsed.getHost() == null ? "" : parsed.getHost().toLowerCase(Locale.ROOT);
        if (!hosts.contains(host)) {
            return Optional.of("host '" + host + "' is not allowed");
        }
        return Optional.empty();
    }

    private Optional<String> localFile(PathSupplier parse) {
        if (!schemes.contains("file")) {
            return Optional.of("local files are not allowed");
        }
        Path path;
        try {
            path = real(parse.get());
        } catch (IllegalArgumentException | FileSystemNotFoundException e) {
            return Optional.of("not a valid path");
        }
        for (Path directory : directories) {
            if (path.startsWith(directory)) {
                return Optional.empty();
            }
        }
        return Optional.of(path + " is outside the allowed directories");
    }

    private String describe() {
        return "schemes " + schemes.stream().sorted().toList() + ", hosts " + hosts.stream().sorted().toList()
                + ", directories " + directories;
    }

    /** Absolute, with {@code ..} resolved, and symbolic links followed where the path exists. */
    private static Path real(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        try {
            return Files.exists(absolute) ? absolute.toRealPath() : absolute;
        } catch (IOException e) {
            return absolute;
        }
    }

    private static Set<String> lower(Collection<String> values) {
        return values.stream().map(v -> v.strip().toLowerCase(Locale.ROOT)).filter(v -> !v.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    @FunctionalInterface
    private interface PathSupplier {
        Path get();
    }
}
