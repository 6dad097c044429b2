package ai.darwin.testing;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The spans a service's test application ends, kept in memory (Quarkus exports to every SpanExporter bean): inject
 * {@link InMemorySpanExporter} in a test. One bean for every service's tests; this jar's {@code META-INF/beans.xml}
 * is what lets Quarkus find it.
 */
public class SpanCapture {

    @Produces
    @Singleton
    InMemorySpanExporter spans() {
        return InMemorySpanExporter.create();
    }
}
