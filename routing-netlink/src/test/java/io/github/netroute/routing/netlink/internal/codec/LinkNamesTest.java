package io.github.netroute.routing.netlink.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The interface-name cache: what a deletion by this client keeps for the event reader, and what it drops. */
class LinkNamesTest {

    /** A kernel with a link table; records every lookup the cache makes. */
    static final class Kernel implements LinkNames.Source {
        final Map<Integer, String> links = new HashMap<>();
        final List<String> asked = new ArrayList<>();

        @Override
        public String nameOf(int index) {
            asked.add("name " + index);
            return links.get(index);
        }

        @Override
        public int indexOf(String name) {
            asked.add("index " + name);
            return links.entrySet().stream().filter(e -> e.getValue().equals(name)).mapToInt(Map.Entry::getKey)
                    .findFirst().orElse(0);
        }
    }

    @Test
    void aRetiredLinkKeepsItsNameForQueuedEventsButNotItsIndex() throws Exception {
        Kernel k = new Kernel();
        k.links.put(5, "br0");
        LinkNames names = new LinkNames(k);
        assertEquals(5, names.index("br0"));
        // deleted by this client, then re-created with the same name at a new index (Linux allocates cyclically)
        k.links.remove(5);
        names.retire(5, "br0");
        k.links.put(7, "br0");
        // an event about the old link still waiting in the reader's queue: named without asking the kernel
        k.asked.clear();
        assertEquals("br0", names.name(5));
        assertEquals(List.of(), k.asked);
        // the name resolves afresh to the new link
        assertEquals(7, names.index("br0"));
        assertEquals(List.of("index br0"), k.asked);
        // the deletion's RTM_DELLINK event (EventDecoder) forgets the old index: no stale name is left behind
        names.forget(5, "br0");
        assertNull(names.name(5));
        assertEquals(7, names.index("br0"));
    }

    @Test
    void forgetDropsBothDirections() throws Exception {
        Kernel k = new Kernel();
        k.links.put(3, "eth0");
        LinkNames names = new LinkNames(k);
        assertEquals("eth0", names.name(3));
        k.links.put(3, "wan0"); // renamed
        names.forget(3, "eth0");
        assertEquals("wan0", names.name(3));
        assertEquals(0, names.index("eth0"));
    }
}
