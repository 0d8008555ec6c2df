package io.github.netroute.routing.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.netroute.routing.testsupport.ThreadSafetyDocs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every public type of this module's exported packages, nested ones included, documents its thread safety. */
class ThreadSafetyDocsTest {
  @Test
  void everyPublicTypeDocumentsItsThreadSafety() {
    assertEquals(List.of(), ThreadSafetyDocs.undocumented(Path.of("src/main/java")),
        "public types whose Javadoc does not say how they behave between threads");
  }
}
