package io.github.netroute.examples.agent;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.ServiceCIDR;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.github.netroute.routing.IpPrefix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent's view of the API server: one-shot reads for {@code --once}, SharedIndexInformers for watch mode.
 *
 * <pre>{@code
 * try (KubernetesClient client = KubeSource.client(null, true)) {
 *     ClusterView v = new KubeSource(client, "node-a", List.of()).read();
 * }
 * }</pre>
 */
public final class KubeSource implements AutoCloseable {
    private final KubernetesClient client;
    private final String node;
    private final List<IpPrefix> fallbackCidrs;
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
    private SharedIndexInformer<Node> nodes;
    private SharedIndexInformer<ServiceCIDR> cidrs;
    private SharedIndexInformer<Service> services;

    /**
     * @param client the client (not closed by this)
     * @param node the Node's name
     * @param fallbackCidrs the service CIDRs to use when the cluster has no ServiceCIDR
     */
    public KubeSource(KubernetesClient client, String node, List<IpPrefix> fallbackCidrs) {
        this.client = client;
        this.node = node;
        this.fallbackCidrs = List.copyOf(fallbackCidrs);
    }

    /**
     * A client from a kubeconfig file, or from fabric8's usual configuration (in-cluster service account,
     * {@code KUBECONFIG}, {@code ~/.kube/config}) when {@code kubeconfig} is null. {@code once}: fail fast (no
     * request retries).
     */
    public static KubernetesClient client(Path kubeconfig, boolean once) throws AgentException {
        Config cfg;
        if (kubeconfig != null) {
            try {
                cfg = Config.fromKubeconfig(Files.readString(kubeconfig));
            } catch (IOException e) {
                throw new AgentException("cannot read --kubeconfig " + kubeconfig + ": " + e, e);
            } catch (KubernetesClientException e) {
                throw new AgentException("--kubeconfig " + kubeconfig + ": " + e.getMessage(), e);
            }
        } else {
            cfg = Config.autoConfigure(null);
        }
        cfg.setConnectionTimeout(5_000);
        cfg.setRequestTimeout(30_000);
        if (once) {
            cfg.setRequestRetryBackoffLimit(0);
        }
        return new KubernetesClientBuilder().withConfig(cfg).build();
    }

    /** Reads the Node, the ServiceCIDRs and the Services once. */
    public ClusterView read() throws AgentException {
        try {
            Node n = client.nodes().withName(node).get();
            if (n == null) {
                throw new AgentException("node \"" + node + "\" does not exist (API server " + client.getMasterUrl()
                        + ")");
            }
            List<ServiceCIDR> sc = serviceCidrsOrNull();
            List<Service> svcs = client.services().inAnyNamespace().list().getItems();
            return ClusterView.of(n, sc, svcs, fallbackCidrs);
        } catch (KubernetesClientException e) {
            throw unreachable(e);
        }
    }

    private List<ServiceCIDR> serviceCidrsOrNull() {
        try {
            return client.network().v1().serviceCIDRs().list().getItems();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return null; // networking.k8s.io/v1 ServiceCIDR is not served (Kubernetes < 1.33): the flags
            }
            throw e;
        }
    }

    private AgentException unreachable(KubernetesClientException e) {
        String why = e.getCode() > 0 ? "HTTP " + e.getCode() + ": " + e.getMessage()
                : e.getMessage() + (e.getCause() != null ? " (" + e.getCause() + ")" : "");
        return new AgentException("cannot read from the API server " + client.getMasterUrl() + ": " + why, e);
    }

    /**
     * Starts informers on the Node, the ServiceCIDRs (when served) and the Services; blocks until each has listed
     * once. {@code onChange} runs on every add, update and delete (and on each informer resync).
     */
    public void inform(Runnable onChange, long resyncMillis) throws AgentException {
        ResourceEventHandler<Object> h = new ResourceEventHandler<>() {
            @Override
            public void onAdd(Object obj) {
                onChange.run();
            }

            @Override
            public void onUpdate(Object oldObj, Object newObj) {
                onChange.run();
            }

            @Override
            public void onDelete(Object obj, boolean deletedFinalStateUnknown) {
                onChange.run();
            }
        };
        try {
            nodes = add(client.nodes().withName(node).inform(h, resyncMillis));
            if (serviceCidrsOrNull() != null) {
                cidrs = add(client.network().v1().serviceCIDRs().inform(h, resyncMillis));
            }
            services = add(client.services().inAnyNamespace().inform(h, resyncMillis));
        } catch (KubernetesClientException e) {
            close();
            throw unreachable(e);
        }
    }

    private <T> SharedIndexInformer<T> add(SharedIndexInformer<T> i) {
        informers.add(i);
        return i;
    }

    /**
     * The view from the informers' caches.
     *
     * @throws AgentException when the Node is not (or no longer) there
     */
    public ClusterView cached() throws AgentException {
        List<Node> n = nodes.getStore().list();
        if (n.isEmpty()) {
            throw new AgentException("node \"" + node + "\" does not exist (API server " + client.getMasterUrl() + ")");
        }
        return ClusterView.of(n.get(0), cidrs == null ? null : cidrs.getStore().list(), services.getStore().list(),
                fallbackCidrs);
    }

    /** Stops the informers. */
    @Override
    public void close() {
        for (SharedIndexInformer<?> i : informers) {
            i.stop();
        }
        informers.clear();
    }
}
