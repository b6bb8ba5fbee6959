package ke.thibitisha.platform;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UniqueNodeNameTest {

    @Test
    void readsTheMembersOfAJGroupsView() {
        assertEquals(List.of("a", "b"), UniqueNodeName.members("[a|1] (2) [a, b]"));
        assertEquals(List.of("a", "a"), UniqueNodeName.members("[a|3] (2) [a, a]"));
        assertEquals(List.of("node-1"), UniqueNodeName.members("[node-1|0] (1) [node-1]"));
        // as WildFly 39 reports it (/subsystem=jgroups/channel=ee:read-attribute(name=view)) with two nodes named a
        assertEquals(List.of("a", "a"), UniqueNodeName.members("[a(v=16.0.5)|1] (2) [a(v=16.0.5), a(v=16.0.5)]"));
    }

    @Test
    void aViewItCannotReadHasNoMembers() {
        assertEquals(List.of(), UniqueNodeName.members(""));
        assertEquals(List.of(), UniqueNodeName.members("[]"));
    }
}
