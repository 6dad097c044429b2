package ai.darwin.platform.input;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A GET of a dataset URL that follows redirects by hand, checking every hop against the allow-list before it
 * connects. The JDK client's own redirect following would let an allowed host send a worker, or hitl-service at
 * approval, to any URL at all: an internal address, a host nobody allowed, an admin port on the allowed host.
 */
public final class DatasetDownload {

    /** More hops than any mirror or CDN in front of a corpus needs (GitHub and Hugging Face use one or two). */
    public static final int MAX_REDIRECTS = 5;

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    /** A URL or redirect the allow-list refuses, or too many redirects: no retry helps. */
    public static final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }

    private final DatasetSources sources;
    private final Duration timeout;
    private final HttpClient client;

    public DatasetDownload(DatasetSources sources, Duration timeout) {
        this.sources = sources;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout)
                .build();
    }

    /**
     * @param url an {@code http(s):} URL
     * @return the answer with status 200, whose body the caller reads and closes
     * @throws Refused     when the URL or a redirect is outside the allow-list, or there are more than
     *                     {@value #MAX_REDIRECTS} redirects
     * @throws IOException when the server cannot be reached or answers another status
     */
    public HttpResponse<InputStream> open(String url) throws IOException {
        URI named = parse(url.strip(), url);
        checkHop(named, named, url);
        URI current = named;
        for (int redirects = 0; ; redirects++) {
            HttpResponse<InputStream> response = send(current);
            int status = response.statusCode();
            if (status == 200) {
                return response;
            }
            response.body().close();
            if (!REDIRECTS.contains(status)) {
                throw new IOException("GET " + current + " answered HTTP " + status);
            }
            if (redirects == MAX_REDIRECTS) {
                throw new Refused("dataset '" + url + "' redirects more than " + MAX_REDIRECTS + " times");
            }
            String location = response.headers().firstValue("Location").orElseThrow(() ->
                    new IOException("GET " + url + " answered HTTP " + status + " without a Location"));
            URI next = current.resolve(parse(location, url));
            checkHop(named, next, url);
            current = next;
        }
    }

    /**
     * The allow-list names hosts, not ports, so a hop may not move to a port nobody named: only the named URL's
     * own port or its scheme's default. A {@code file:} or other non-HTTP target is refused whatever the list says,
     * since a server must not pick which local file a worker reads.
     */
    private void checkHop(URI named, URI hop, String url) throws Refused {
        String scheme = hop.getScheme() == null ? "" : hop.getScheme().toLowerCase(Locale.ROOT);
        String where = hop == named ? "" : " redirects to '" + hop + "', which";
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new Refused("dataset '" + url + "'" + where + " is not an http(s) URL");
        }
        Optional<String> refusal = sources.refusal(hop.toString());
        if (refusal.isPresent()) {
            throw new Refused("dataset '" + url + "'" + where + " is not allowed: " + refusal.get()
                    + " (the operator sets darwin.datasets.allowed-*)");
        }
        int port = port(hop);
        if (port != port(named) && port != defaultPort(scheme)) {
            throw new Refused("dataset '" + url + "'" + where + " is not allowed: port " + port
                    + " is neither the named URL's nor the default for " + scheme);
        }
    }

    private HttpResponse<InputStream> send(URI uri) throws IOException {
        try {
            return client.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading " + uri, e);
        }
    }

    private static URI parse(String uri, String url) throws Refused {
        try {
            return new URI(uri);
        } catch (URISyntaxException e) {
            throw new Refused("dataset '" + url + "' names or redirects to an invalid URL '" + uri + "'");
        }
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : defaultPort(uri.getScheme().toLowerCase(Locale.ROOT));
    }

    private static int defaultPort(String scheme) {
        return scheme.equals("https") ? 443 : 80;
    }
}
