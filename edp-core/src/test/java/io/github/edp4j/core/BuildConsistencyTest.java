package io.github.edp4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The versions that are written down more than once agree: the BOM (which has no parent, so that importing it brings
 * only its own entries) and the consumer check against the build parent, and the BOM's native libtorch entries
 * against the artifacts {@link TorchRuntime}'s error names.
 */
class BuildConsistencyTest {

    /** The repository root: tests run in the module directory. */
    private static final Path ROOT = Path.of("..");

    @Test
    void bomVersionsAreTheParents() throws Exception {
        Element parent = pom(ROOT.resolve("pom.xml"));
        Element bom = pom(ROOT.resolve("edp4j-bom/pom.xml"));
        assertEquals(text(parent, "groupId"), text(bom, "groupId"));
        assertEquals(text(parent, "version"), text(bom, "version"), "edp4j-bom version");
        for (String property : List.of("djl.version", "pytorch.version", "onnxruntime.version")) {
            assertEquals(text(child(parent, "properties"), property), text(child(bom, "properties"), property),
                    property + " of edp4j-bom");
        }
        for (String field : List.of("url", "licenses", "developers", "scm")) {
            assertEquals(child(parent, field).getTextContent().strip(), child(bom, field).getTextContent().strip(),
                    field + " of edp4j-bom (Central requires it; the BOM does not inherit it)");
        }
    }

    @Test
    void bomJoinsTheParentsCentralBundle() throws Exception {
        Element parent = pom(ROOT.resolve("pom.xml"));
        Element bom = pom(ROOT.resolve("edp4j-bom/pom.xml"));
        String version = text(child(parent, "properties"), "central.publishing.version");
        boolean found = false;
        for (Element profile : children(child(bom, "profiles"), "profile")) {
            for (Element plugin : children(child(child(profile, "build"), "plugins"), "plugin")) {
                if (text(plugin, "artifactId").equals("central-publishing-maven-plugin")) {
                    assertEquals("release", text(profile, "id"));
                    assertEquals(version, text(plugin, "version"), "central-publishing-maven-plugin of edp4j-bom");
                    found = true;
                }
            }
        }
        assertTrue(found, "edp4j-bom's release profile has no central-publishing-maven-plugin");
    }

    @Test
    void bomManagesThePublishedModules() throws Exception {
        Set<String> managed = new TreeSet<>();
        for (Element d : managed(pom(ROOT.resolve("edp4j-bom/pom.xml")))) {
            if (text(d, "groupId").equals("io.github.edp4j")) {
                assertEquals("${project.version}", text(d, "version"), text(d, "artifactId"));
                managed.add(text(d, "artifactId"));
            }
        }
        assertEquals(new TreeSet<>(List.of("edp-core", "edp-algos", "edp-d4rl", "edp-onnx")), managed);
    }

    @Test
    void bomNativesAreTheOnesTheErrorNames() throws Exception {
        NativeLibtorch versions = NativeLibtorch.ofThisBuild();
        Set<String> named = new TreeSet<>();
        for (String classifier : List.of("linux-x86_64", "linux-aarch64", "osx-aarch64", "win-x86_64")) {
            versions.artifact(classifier, false).ifPresent(named::add);
            versions.artifact(classifier, true).ifPresent(named::add);
        }
        Element bom = pom(ROOT.resolve("edp4j-bom/pom.xml"));
        String pytorch = text(child(bom, "properties"), "pytorch.version");
        Set<String> natives = new TreeSet<>();
        for (Element d : managed(bom)) {
            if (text(d, "artifactId").startsWith("pytorch-native-")) {
                assertEquals("runtime", text(d, "scope"), text(d, "artifactId"));
                natives.add(text(d, "groupId") + ":" + text(d, "artifactId") + ":"
                        + text(d, "version").replace("${pytorch.version}", pytorch) + ":" + text(d, "classifier"));
            }
        }
        // the BOM also manages the pre-cxx11 build for Linux x86-64 with an older glibc, which the error does not name
        assertTrue(natives.remove("ai.djl.pytorch:pytorch-native-cpu-precxx11:" + pytorch + ":linux-x86_64"),
                natives::toString);
        assertEquals(named, natives);
    }

    @Test
    void consumerCheckUsesThisVersion() throws Exception {
        Path consumer = ROOT.resolve("consumer-check/pom.xml");
        assertTrue(Files.isRegularFile(consumer), consumer + " is missing");
        assertEquals(text(pom(ROOT.resolve("pom.xml")), "version"),
                text(child(pom(consumer), "properties"), "edp4j.version"), "edp4j.version of the consumer check");
    }

    private static Element pom(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document d = f.newDocumentBuilder().parse(file.toFile());
        return d.getDocumentElement();
    }

    private static List<Element> managed(Element pom) {
        return children(child(child(pom, "dependencyManagement"), "dependencies"), "dependency");
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        NodeList list = parent.getChildNodes();
        for (int i = 0; i < list.getLength(); i++) {
            if (list.item(i) instanceof Element e && e.getTagName().equals(name)) {
                out.add(e);
            }
        }
        return out;
    }

    /** The direct child element named {@code name}; fails the test if there is none. */
    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        throw new AssertionError("<" + parent.getTagName() + "> has no <" + name + ">");
    }

    private static String text(Element parent, String name) {
        return child(parent, name).getTextContent().strip();
    }
}
