package io.github.netroute.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.netroute.routing.testsupport.ThreadSafetyDocs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every public type of this module's exported packages, nested ones included, says in its Javadoc whether it may be
 * shared between threads (the word "thread" in the type's comment). A new public type without it fails here; the
 * netlink client and the testkit run the same check ({@link ThreadSafetyDocs}).
 */
class ThreadSafetyDocsTest {
  @Test
  void everyPublicTypeDocumentsItsThreadSafety() {
    assertEquals(List.of(), ThreadSafetyDocs.undocumented(Path.of("src/main/java")),
        "public types whose Javadoc does not say how they behave between threads");
  }
}
