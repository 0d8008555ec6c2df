package io.github.netroute.examples.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The deploy files say what the issue asks, and the DaemonSet's arguments parse. */
class DeployFilesTest {
    private static final Path DEPLOY = Path.of("deploy");

    @SuppressWarnings("unchecked")
    private static <T> List<T> load(String file) throws Exception {
        try (InputStream in = Files.newInputStream(DEPLOY.resolve(file))) {
            Object o = Serialization.unmarshal(in);
            if (o instanceof KubernetesList l) {
                return (List<T>) (List<?>) l.getItems();
            }
            return o instanceof List<?> l ? (List<T>) l : List.of((T) o); // a multi-document file
        }
    }

    @Test
    void daemonSetOnTheHostNetworkWithNetAdminOnly() throws Exception {
        DaemonSet ds = (DaemonSet) DeployFilesTest.<HasMetadata>load("daemonset.yaml").get(0);
        var pod = ds.getSpec().getTemplate().getSpec();
        assertTrue(pod.getHostNetwork());
        assertEquals("netroute-agent", pod.getServiceAccountName());
        Container c = pod.getContainers().get(0);
        assertEquals(List.of("NET_ADMIN"), c.getSecurityContext().getCapabilities().getAdd());
        assertEquals(List.of("ALL"), c.getSecurityContext().getCapabilities().getDrop());
        assertTrue(c.getEnv().stream().anyMatch(e -> e.getName().equals("NODE_NAME")
                && e.getValueFrom().getFieldRef().getFieldPath().equals("spec.nodeName")));
        // the arguments are the command's own flags
        List<String> args = c.getArgs();
        assertEquals("agent", args.get(0));
        new CommandLine(new AgentCommand()).parseArgs(args.subList(1, args.size()).toArray(String[]::new));
    }

    @Test
    void clusterRoleReadsNodesServicesAndServiceCidrs() throws Exception {
        List<HasMetadata> objs = load("rbac.yaml");
        ClusterRole role = objs.stream().filter(ClusterRole.class::isInstance).map(ClusterRole.class::cast)
                .findFirst().orElseThrow();
        for (String[] r : new String[][] {{"", "nodes"}, {"", "services"}, {"networking.k8s.io", "servicecidrs"}}) {
            assertTrue(role.getRules().stream().anyMatch((PolicyRule p) -> p.getApiGroups().contains(r[0])
                    && p.getResources().contains(r[1])
                    && p.getVerbs().containsAll(List.of("get", "list", "watch"))), r[1]);
        }
        ClusterRoleBinding b = objs.stream().filter(ClusterRoleBinding.class::isInstance)
                .map(ClusterRoleBinding.class::cast).findFirst().orElseThrow();
        assertEquals("netroute-agent", b.getSubjects().get(0).getName());
        assertTrue(objs.stream().anyMatch(o -> o.getKind().equals("ServiceAccount")));
    }
}
