import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Checks a Central Portal bundle (the zip of central-publishing-maven-plugin) offline against the Portal's published
 * requirements, before anything is uploaded: Maven repository layout; for each component a POM whose coordinates
 * match its path, with name, description, url, licenses, developers and scm; sources and javadoc jars next to every
 * jar; md5 and sha1 (and, where present, sha256 and sha512) files that match; a .asc signature for every file (unless
 * --unsigned, for a dry run with -Dgpg.skip); no SNAPSHOT version; a parent or dependency of the same group in the
 * bundle. Prints the bundle's files, then every problem; exits 1 if there is one.
 *
 * <p>Run with the JDK's source launcher: {@code java .ci/CentralBundleCheck.java [--unsigned] BUNDLE.zip}.
 */
public final class CentralBundleCheck {

    private static final Map<String, String> DIGESTS = Map.of("md5", "MD5", "sha1", "SHA-1", "sha256", "SHA-256",
            "sha512", "SHA-512");
    private static final Set<String> REQUIRED_DIGESTS = Set.of("md5", "sha1");

    private CentralBundleCheck() {
    }

    public static void main(String[] args) throws Exception {
        boolean unsigned = false;
        Path bundle = null;
        for (String a : args) {
            if (a.equals("--unsigned")) {
                unsigned = true;
            } else if (bundle == null && !a.startsWith("--")) {
                bundle = Path.of(a);
            } else {
                usage("unexpected argument " + a);
            }
        }
        if (bundle == null) {
            usage("no bundle given");
        }
        Map<String, byte[]> files = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(bundle))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (!e.isDirectory()) {
                    files.put(e.getName(), in.readAllBytes());
                }
            }
        }
        List<String> problems = check(files, unsigned);
        System.out.println(bundle + ": " + files.size() + " files");
        files.forEach((name, bytes) -> System.out.printf("  %10d  %s%n", bytes.length, name));
        if (problems.isEmpty()) {
            System.out.println("central bundle check: passed" + (unsigned ? " (signatures not required: --unsigned)"
                    : ""));
        } else {
            problems.forEach(p -> System.out.println("PROBLEM: " + p));
            System.out.println("central bundle check: " + problems.size() + " problem(s)");
            System.exit(1);
        }
    }

    private static void usage(String why) {
        System.err.println("CentralBundleCheck: " + why + "; usage: java CentralBundleCheck.java [--unsigned] BUNDLE.zip");
        System.exit(2);
    }

    static List<String> check(Map<String, byte[]> files, boolean unsigned) throws Exception {
        List<String> problems = new ArrayList<>();
        if (files.isEmpty()) {
            problems.add("the bundle is empty");
        }
        // component directory (group/path/artifact/version/) -> its primary files (not checksums or signatures)
        Map<String, Set<String>> components = new TreeMap<>();
        for (String name : files.keySet()) {
            String ext = name.substring(name.lastIndexOf('.') + 1);
            if (DIGESTS.containsKey(ext) || ext.equals("asc")) {
                String base = name.substring(0, name.length() - ext.length() - 1);
                if (!files.containsKey(base)) {
                    problems.add(name + " belongs to no file of the bundle");
                }
                continue;
            }
            int slash = name.lastIndexOf('/');
            if (slash < 0 || name.split("/").length < 4) {
                problems.add(name + " is not in a group/artifact/version directory");
                continue;
            }
            components.computeIfAbsent(name.substring(0, slash + 1), k -> new TreeSet<>()).add(name.substring(slash + 1));
            for (String d : DIGESTS.keySet()) {
                byte[] sum = files.get(name + "." + d);
                if (sum == null) {
                    if (REQUIRED_DIGESTS.contains(d)) {
                        problems.add(name + " has no ." + d + " checksum");
                    }
                } else if (!new String(sum, java.nio.charset.StandardCharsets.US_ASCII).strip().split("\\s+")[0]
                        .equalsIgnoreCase(digest(DIGESTS.get(d), files.get(name)))) {
                    problems.add(name + "." + d + " does not match the file");
                }
            }
            if (!unsigned && !files.containsKey(name + ".asc")) {
                problems.add(name + " has no .asc signature");
            }
        }
        Set<String> coordinates = new TreeSet<>();
        for (String dir : components.keySet()) {
            String[] parts = dir.split("/");
            coordinates.add(String.join(".", List.of(parts).subList(0, parts.length - 2)) + ":" + parts[parts.length - 2]);
        }
        for (Map.Entry<String, Set<String>> c : components.entrySet()) {
            checkComponent(c.getKey(), c.getValue(), files, coordinates, problems);
        }
        return problems;
    }

    private static void checkComponent(String dir, Set<String> names, Map<String, byte[]> files,
            Set<String> coordinates, List<String> problems) throws Exception {
        String[] parts = dir.split("/");
        String version = parts[parts.length - 1];
        String artifactId = parts[parts.length - 2];
        String groupId = String.join(".", List.of(parts).subList(0, parts.length - 2));
        String prefix = artifactId + "-" + version;
        if (version.endsWith("-SNAPSHOT")) {
            problems.add(dir + ": a SNAPSHOT version; the Central Portal takes releases only");
        }
        for (String n : names) {
            if (!n.startsWith(prefix + ".") && !n.startsWith(prefix + "-")) {
                problems.add(dir + n + " is not named " + prefix + "[-classifier].ext");
            }
        }
        byte[] pomBytes = files.get(dir + prefix + ".pom");
        if (pomBytes == null) {
            problems.add(dir + " has no " + prefix + ".pom");
            return;
        }
        Element pom = parse(pomBytes);
        Element parent = child(pom, "parent");
        String pomGroup = text(pom, "groupId") != null ? text(pom, "groupId")
                : parent == null ? null : text(parent, "groupId");
        String pomVersion = text(pom, "version") != null ? text(pom, "version")
                : parent == null ? null : text(parent, "version");
        if (!groupId.equals(pomGroup) || !artifactId.equals(text(pom, "artifactId")) || !version.equals(pomVersion)) {
            problems.add(dir + prefix + ".pom declares " + pomGroup + ":" + text(pom, "artifactId") + ":" + pomVersion);
        }
        // name and description are not inherited in Maven; url, licenses, developers and scm are, from a parent in
        // the bundle
        for (String field : List.of("name", "description")) {
            if (text(pom, field) == null || text(pom, field).isBlank()) {
                problems.add(prefix + ".pom has no <" + field + ">");
            }
        }
        if (inherited(pom, "url", files) == null) {
            problems.add(prefix + ".pom has no <url>, nor has its parent");
        }
        Element licenses = inherited(pom, "licenses", files);
        Element license = licenses == null ? null : child(licenses, "license");
        if (license == null || text(license, "name") == null || text(license, "url") == null) {
            problems.add(prefix + ".pom has no <licenses><license> with <name> and <url>, nor has its parent");
        }
        Element developers = inherited(pom, "developers", files);
        Element developer = developers == null ? null : child(developers, "developer");
        if (developer == null || text(developer, "name") == null) {
            problems.add(prefix + ".pom has no <developers><developer> with <name>, nor has its parent");
        }
        Element scm = inherited(pom, "scm", files);
        if (scm == null || text(scm, "url") == null || text(scm, "connection") == null) {
            problems.add(prefix + ".pom has no <scm> with <url> and <connection>, nor has its parent");
        }
        String packaging = text(pom, "packaging") == null ? "jar" : text(pom, "packaging");
        if (!packaging.equals("pom")) {
            for (String required : List.of(prefix + ".jar", prefix + "-sources.jar", prefix + "-javadoc.jar")) {
                if (!names.contains(required)) {
                    problems.add(dir + " (packaging " + packaging + ") has no " + required);
                }
            }
        }
        if (!version.endsWith("-SNAPSHOT")) {
            String snapshot = snapshotElement(pom);
            if (snapshot != null) {
                problems.add(prefix + ".pom refers to a SNAPSHOT version in <" + snapshot + ">");
            }
        }
        if (parent != null && groupId.equals(text(parent, "groupId"))
                && !coordinates.contains(groupId + ":" + text(parent, "artifactId"))) {
            problems.add(prefix + ".pom has parent " + text(parent, "artifactId") + ", which is not in the bundle");
        }
        Element deps = child(pom, "dependencies");
        if (deps != null) {
            for (Node n = deps.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element d && d.getTagName().equals("dependency")) {
                    String g = text(d, "groupId");
                    if (("${project.groupId}".equals(g) || groupId.equals(g)) && !"test".equals(text(d, "scope"))
                            && !coordinates.contains(groupId + ":" + text(d, "artifactId"))) {
                        problems.add(prefix + ".pom depends on " + text(d, "artifactId") + ", which is not in the"
                                + " bundle");
                    }
                }
            }
        }
    }

    /** The name of an element whose own text (not a comment) mentions a SNAPSHOT version, or null. */
    private static String snapshotElement(Element e) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.TEXT_NODE && n.getNodeValue().contains("-SNAPSHOT")) {
                return e.getTagName();
            }
            if (n instanceof Element c) {
                String found = snapshotElement(c);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static Element parse(byte[] pom) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        try (InputStream in = new ByteArrayInputStream(pom)) {
            return f.newDocumentBuilder().parse(in).getDocumentElement();
        }
    }

    /** The element {@code name} of {@code pom}, or else of its parent POM in the bundle (and so on up). */
    private static Element inherited(Element pom, String name, Map<String, byte[]> files) throws Exception {
        for (int depth = 0; pom != null && depth < 10; depth++) {
            Element e = child(pom, name);
            if (e != null) {
                return e;
            }
            Element parent = child(pom, "parent");
            if (parent == null) {
                return null;
            }
            String a = text(parent, "artifactId");
            String v = text(parent, "version");
            byte[] bytes = files.get(text(parent, "groupId").replace('.', '/') + "/" + a + "/" + v + "/" + a + "-" + v
                    + ".pom");
            pom = bytes == null ? null : parse(bytes);
        }
        return null;
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent().strip();
    }

    private static String digest(String algorithm, byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    }
}
