package io.github.netroute.examples;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code netroute asymmetric}: the seed's asymmetric-routing story as lookup traces. */
@Command(name = "asymmetric", mixinStandardHelpOptions = true,
        description = {"Tells the seed's asymmetric-routing story with the routing model on the in-memory kernel.",
            "It shows where the OaM replies go without and with the policy route, why requests from the node's own"
                + " network namespace to the loadBalancerIP then fail, and how 'local LB-IP dev kube-ipvs0 scope host"
                + " src NODE-IP' fixes it. Every step prints the lookup trace."})
final class AsymmetricCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        return new Asymmetric().tell(System.out) == 0 ? 0 : 1;
    }
}
