package ai.darwin.local;

import static ai.darwin.local.Yamls.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.darwin.local.NetworkPolicies.Endpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The tools the deployment tests read the manifests with: the offline renderer agrees with kubectl's kustomize
 * (where kubectl is installed; CI has none), JSON patches fail as kustomize's do, and the policy reader follows the
 * NetworkPolicy API on small cases.
 */
class KustomizeTest {

    /**
     * kubectl's kustomize renders the base and each overlay, alone, with each component and with all of them, as the
     * offline renderer does (which the other tests then run over every combination of components). kubectl is not
     * part of CI's clean machine: Debian's kubernetes-client is kubectl 1.20, whose kustomize predates components.
     */
    @Test
    void rendersTheBaseAndEachOverlayWithTheComponentsAsKubectlDoes() throws IOException, InterruptedException {
        String kustomize = kustomizeVersion();
        assumeTrue(kustomize != null, "kubectl is not installed: the kustomizations are rendered offline only");
        assumeTrue(kustomize.matches("v([5-9]|\\d{2,})\\..*"), "kubectl's kustomize is " + kustomize
                + ", older than the v5 the kustomizations are checked with: rendered offline only");
        List<Path> roots = new ArrayList<>();
        roots.add(KubernetesManifests.BASE);
        roots.addAll(KubernetesManifests.overlays());
        List<List<String>> renderings = new ArrayList<>();
        renderings.add(List.of());
        KubernetesManifests.components().forEach(component -> renderings.add(List.of(component)));
        renderings.add(KubernetesManifests.components());
        for (Path root : roots) {
            for (List<String> components : renderings) {
                Path directory = KubernetesManifests.overlay(root, components);
                assertThat(byIdentity(Kustomize.render(directory))).as(directory.toString())
                        .isEqualTo(byIdentity(kubectlKustomize(directory)));
            }
        }
    }

    private static List<Map<String, Object>> kubectlKustomize(Path directory) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("kubectl", "kustomize", directory.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<Map<String, Object>> rendered;
        try (InputStream output = process.getInputStream()) {
            rendered = Yamls.parse(new InputStreamReader(output, StandardCharsets.UTF_8));
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0).as(directory.toString())
                .isTrue();
        return rendered;
    }

    @Test
    void aJsonPatchFailsWhereItsPathOrTestDoesNotHold() {
        Map<String, Object> document = map(new Yaml().load("spec: {env: [{name: A, value: a}]}"));
        JsonPatch.apply(document, Yamls.list(new Yaml().load("""
                - {op: test, path: /spec/env/0/name, value: A}
                - {op: replace, path: /spec/env/0/value, value: b}
                - {op: add, path: /spec/env/-, value: {name: B}}
                - {op: add, path: /spec/hostUsers, value: false}""")));
        assertThat(document).isEqualTo(new Yaml().load("spec: {env: [{name: A, value: b}, {name: B}], hostUsers: false}"));
        assertThatThrownBy(() -> JsonPatch.apply(document, Yamls.list(new Yaml().load(
                "[{op: test, path: /spec/env/0/name, value: B}]")))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> JsonPatch.apply(document, Yamls.list(new Yaml().load(
                "[{op: replace, path: /spec/missing, value: x}]")))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void policiesOpenOnlyWhatARuleAllowsOnceAPodIsSelected() {
        Endpoint web = Endpoint.pod("web", "shop", Map.of("app", "web"));
        Endpoint db = Endpoint.pod("db", "shop", Map.of("app", "db"));
        Endpoint internet = Endpoint.external("internet", "198.51.100.7");
        assertThat(new NetworkPolicies(List.of()).allows(web, db, "TCP", 5432)).as("no policy: open").isTrue();

        List<Map<String, Object>> policies = Yamls.parse(new StringReader("""
                kind: NetworkPolicy
                metadata: {name: deny, namespace: shop}
                spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
                ---
                kind: NetworkPolicy
                metadata: {name: db, namespace: shop}
                spec:
                  podSelector: {matchLabels: {app: db}}
                  ingress: [{from: [{podSelector: {matchLabels: {app: web}}}], ports: [{port: 5432}]}]
                ---
                kind: NetworkPolicy
                metadata: {name: web, namespace: shop}
                spec:
                  podSelector: {matchLabels: {app: web}}
                  policyTypes: [Egress]
                  egress:
                    - {to: [{podSelector: {matchLabels: {app: db}}}], ports: [{port: 5432}]}
                    - {to: [{ipBlock: {cidr: 0.0.0.0/0, except: [198.51.100.0/24]}}]}
                """));
        NetworkPolicies reader = new NetworkPolicies(policies);
        assertThat(reader.allows(web, db, "TCP", 5432)).isTrue();
        assertThat(reader.allows(web, db, "UDP", 5432)).as("the port's protocol defaults to TCP").isFalse();
        assertThat(reader.allows(web, db, "TCP", 22)).isFalse();
        assertThat(reader.allows(db, web, "TCP", 5432)).as("db has no egress").isFalse();
        assertThat(reader.allows(web, internet, "TCP", 443)).as("in the excepted block").isFalse();
        assertThat(reader.allows(web, Endpoint.external("elsewhere", "192.0.2.1"), "TCP", 443)).isTrue();
        assertThat(reader.allows(internet, web, "TCP", 80)).as("deny covers web's ingress").isFalse();
        assertThatThrownBy(() -> new NetworkPolicies(Yamls.parse(new StringReader("""
                kind: NetworkPolicy
                metadata: {name: x, namespace: shop}
                spec: {podSelector: {matchExpressions: [{key: app, operator: Exists}]}}
                """))).allows(web, db, "TCP", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Resources by kind and name, with kustomize's hash suffix taken off generated ConfigMaps' names. */
    private static Map<String, Object> byIdentity(List<Map<String, Object>> resources) {
        Map<String, Object> byIdentity = new TreeMap<>();
        for (Map<String, Object> resource : resources) {
            Object normalised = unhashed(resource);
            byIdentity.put(resource.get("kind") + "/" + Yamls.at(normalised, "metadata", "name"), normalised);
        }
        return byIdentity;
    }

    private static Object unhashed(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(key.toString(), unhashed(item)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(KustomizeTest::unhashed).toList();
        }
        return value instanceof String text ? text.replaceFirst("^(darwin-config|darwin-mongo)-[a-z0-9]{10}$", "$1") : value;
    }

    /** kubectl's kustomize version ("v5.5.0"), or null where kubectl is not installed. */
    private static String kustomizeVersion() {
        try {
            Process process = new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
            String output;
            try (InputStream stream = process.getInputStream()) {
                output = new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return null;
            }
            Matcher version = Pattern.compile("Kustomize Version: (\\S+)").matcher(output);
            return version.find() ? version.group(1) : "unknown";
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
