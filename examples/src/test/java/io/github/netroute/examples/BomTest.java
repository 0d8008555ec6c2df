package io.github.netroute.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The BOM lists every library artifact of the reactor (every module with a jar that is not the examples
 * application), each at the reactor's version: a module added to the build without a BOM entry fails here.
 */
class BomTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static Document read(Path pom) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(false);
        return f.newDocumentBuilder().parse(pom.toFile());
    }

    private static String child(Element e, String name) {
        NodeList l = e.getChildNodes();
        for (int i = 0; i < l.getLength(); i++) {
            if (l.item(i) instanceof Element c && c.getTagName().equals(name)) {
                return c.getTextContent().trim();
            }
        }
        return null;
    }

    @Test
    void theBomListsEveryLibraryModuleAtTheReactorVersion() throws Exception {
        Document root = read(ROOT.resolve("pom.xml"));
        String version = child(root.getDocumentElement(), "version");
        TreeSet<String> libraries = new TreeSet<>();
        NodeList modules = root.getElementsByTagName("module");
        for (int i = 0; i < modules.getLength(); i++) {
            Path pom = ROOT.resolve(modules.item(i).getTextContent().trim()).resolve("pom.xml");
            Element p = read(pom).getDocumentElement();
            String packaging = child(p, "packaging");
            String artifact = child(p, "artifactId");
            if ((packaging == null || packaging.equals("jar")) && !artifact.equals("examples")) {
                libraries.add(artifact);
            }
        }
        assertFalse(libraries.isEmpty(), "no library module found under " + ROOT);

        Element bom = read(ROOT.resolve("bom/pom.xml")).getDocumentElement();
        assertEquals(version, child(bom, "version"), "the BOM's version moves with the reactor's");
        TreeSet<String> listed = new TreeSet<>();
        List<String> versions = new ArrayList<>();
        NodeList deps = bom.getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            Element d = (Element) deps.item(i);
            listed.add(child(d, "artifactId"));
            versions.add(child(d, "version"));
        }
        assertEquals(libraries, listed, "bom/pom.xml must list exactly the library modules");
        versions.forEach(v -> assertEquals("${project.version}", v, "BOM entries use the BOM's own version"));
        assertFalse(Files.exists(ROOT.resolve("bom/src")), "the BOM is a pom only");
    }
}
