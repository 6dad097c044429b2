package ai.darwin.local;

import static ai.darwin.local.Yamls.list;
import static ai.darwin.local.Yamls.map;
import static ai.darwin.local.Yamls.strings;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The monitoring component: its Grafana dashboard queries only metrics the services expose (a meter name in a
 * service's metrics code, with the suffixes Micrometer's Prometheus registry adds, and listed in deploy/README.md's
 * table, whose names the services' metrics tests scrape), and its ServiceMonitor scrapes every service's port.
 */
class MonitoringComponentTest {

    private static final Pattern METER_NAME = Pattern.compile("\"(darwin(?:\\.[a-z0-9]+)+)\"");
    private static final Pattern QUERIED = Pattern.compile("\\bdarwin_[a-z0-9_]+");
    /** What the Prometheus registry appends to a meter's name: its base unit, then a counter's or summary's part. */
    private static final Pattern SUFFIX = Pattern.compile("(_seconds|_tokens_per_second)?(_total|_count|_sum|_max)?");
    private static final Pattern DOCUMENTED = Pattern.compile("`(darwin_[a-z0-9_]+)(?:_\\{([a-z,]+)})?`");
    private static final List<String> SERVICES = List.of("mutation-service", "training-service",
            "selection-service", "memory-service", "hitl-service");

    @Test
    void theDashboardQueriesOnlyMetricsTheServicesExposeAndDocument() throws IOException {
        Set<String> queried = queriedMetrics();
        Set<String> meters = meterNames();
        Set<String> documented = documentedMetrics();
        assertThat(queried).hasSizeGreaterThan(10);
        for (String metric : queried) {
            assertThat(exposed(metric, meters)).as(metric + " is a meter of " + meters).isTrue();
            assertThat(documented).as("deploy/README.md lists " + metric).contains(metric);
        }
        assertThat(exposed("darwin_training_variants_trained_total", meters)).isTrue();
        assertThat(exposed("darwin_training_variants_total", meters)).as("a name no service has").isFalse();
        assertThat(exposed("darwin_training_duration_seconds_average", meters)).isFalse();
    }

    @Test
    void theServiceMonitorScrapesEveryServicesMetricsPort() throws IOException {
        List<Map<String, Object>> resources = Kustomize.render(KubernetesManifests.overlay(List.of("monitoring")));
        Map<String, Object> monitor = KubernetesManifests.resource(resources, "ServiceMonitor", "darwin-services");
        Map<String, Object> spec = map(monitor.get("spec"));
        Map<String, Object> endpoint = map(list(spec.get("endpoints")).get(0));
        assertThat(endpoint).containsEntry("port", "http").containsEntry("path", "/q/metrics");
        Map<String, Object> expression = map(list(map(spec.get("selector")).get("matchExpressions")).get(0));
        assertThat(expression).containsEntry("key", "app").containsEntry("operator", "In");
        assertThat(strings(expression.get("values"))).containsExactlyInAnyOrderElementsOf(SERVICES);
        for (String service : SERVICES) {
            Map<String, Object> svc = map(KubernetesManifests.resource(resources, "Service", service).get("spec"));
            assertThat(list(svc.get("ports"))).as(service).anySatisfy(port -> assertThat(map(port))
                    .containsEntry("name", "http"));
            assertThat(map(svc.get("selector"))).containsEntry("app", service);
        }
        assertThat(Kustomize.render(KubernetesManifests.BASE)).as("the base needs no Prometheus Operator")
                .noneMatch(resource -> resource.get("apiVersion").toString().startsWith("monitoring.coreos.com"));
    }

    private static boolean exposed(String metric, Set<String> meters) {
        return meters.stream().map(name -> name.replace('.', '_')).anyMatch(base -> metric.startsWith(base)
                && SUFFIX.matcher(metric.substring(base.length())).matches());
    }

    private static Set<String> queriedMetrics() throws IOException {
        List<Map<String, Object>> resources = Kustomize.render(KubernetesManifests.overlay(List.of("monitoring")));
        Map<String, Object> configMap = KubernetesManifests.resource(resources, "ConfigMap",
                "darwin-grafana-dashboard");
        assertThat(map(map(configMap.get("metadata")).get("labels"))).containsEntry("grafana_dashboard", "1");
        // JSON is YAML
        Map<String, Object> dashboard = map(new Yaml().load(map(configMap.get("data")).get("darwin.json")
                .toString()));
        Set<String> queried = new TreeSet<>();
        for (Object panel : list(dashboard.get("panels"))) {
            for (Object target : list(map(panel).get("targets"))) {
                Matcher matcher = QUERIED.matcher(map(target).get("expr").toString());
                while (matcher.find()) {
                    queried.add(matcher.group());
                }
            }
        }
        return queried;
    }

    /** The meter names in the services' metrics classes. */
    private static Set<String> meterNames() throws IOException {
        Set<String> names = new TreeSet<>();
        for (String service : SERVICES) {
            try (Stream<Path> files = Files.walk(KubernetesManifests.REPOSITORY.resolve(service + "/src/main/java"))) {
                for (Path file : files.filter(f -> f.toString().endsWith("Metrics.java")
                        || f.getParent().getFileName().toString().equals("metrics")).toList()) {
                    Matcher matcher = METER_NAME.matcher(Files.readString(file));
                    while (matcher.find()) {
                        names.add(matcher.group(1));
                    }
                }
            }
        }
        return names;
    }

    /** The names in deploy/README.md's table, {count,sum,max} spelled out. */
    private static Set<String> documentedMetrics() throws IOException {
        String readme = Files.readString(KubernetesManifests.REPOSITORY.resolve("deploy/README.md"));
        String table = readme.substring(readme.indexOf("## Domain metrics"));
        table = table.substring(0, table.indexOf("\n## ", 1));
        Set<String> documented = new TreeSet<>();
        Matcher matcher = DOCUMENTED.matcher(table);
        while (matcher.find()) {
            if (matcher.group(2) == null) {
                documented.add(matcher.group(1));
            } else {
                for (String part : matcher.group(2).split(",")) {
                    documented.add(matcher.group(1) + "_" + part);
                }
            }
        }
        return documented;
    }
}
