package io.github.edp4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The links of {@code README.md}, {@code CHANGELOG.md} and {@code docs/*.md}: every relative link names a file of
 * the repository, and every {@code #anchor} a heading of the file it points into (GitHub's slugs: lower case,
 * punctuation dropped, spaces to hyphens), so that moving a section or a file cannot leave a dead link behind.
 */
class DocumentationLinksTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6} +(.+?) *$", Pattern.MULTILINE);
    private static final Pattern FENCE = Pattern.compile("(?s)```.*?```");

    @Test
    void everyRelativeLinkAndAnchorResolves() throws IOException {
        List<Path> files = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("CHANGELOG.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        List<String> dead = new ArrayList<>();
        int checked = 0;
        for (Path file : files) {
            String text = FENCE.matcher(Files.readString(file, StandardCharsets.UTF_8)).replaceAll("");
            Matcher m = LINK.matcher(text);
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("^[a-z]+:.*")) {
                    continue; // https:, mailto: and the like
                }
                checked++;
                int hash = target.indexOf('#');
                String path = hash < 0 ? target : target.substring(0, hash);
                Path linked = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
                if (!Files.exists(linked)) {
                    dead.add(ROOT.relativize(file) + ": " + target + " (no such file)");
                } else if (hash >= 0 && linked.toString().endsWith(".md")
                        && !anchors(linked).contains(target.substring(hash + 1))) {
                    dead.add(ROOT.relativize(file) + ": " + target + " (no such heading in "
                            + ROOT.relativize(linked) + ")");
                }
            }
        }
        assertTrue(checked > 20, "expected the documentation to link to its sections and files; found " + checked);
        assertTrue(dead.isEmpty(), "dead links:\n" + String.join("\n", dead));
    }

    @Test
    void slugsFollowGithub() {
        assertEquals("what-the-papers-ablations-look-like-here", slug("What the paper's ablations look like here"));
        assertEquals("mujoco-locomotion-hopper-walker2d-halfcheetah",
                slug("MuJoCo locomotion (hopper, walker2d, halfcheetah)"));
        assertEquals("deploy-onnx-and-safetensors", slug("Deploy: ONNX and safetensors"));
        assertEquals("use-it-from-maven", slug("Use it from `Maven`"));
    }

    private static Set<String> anchors(Path md) throws IOException {
        String text = FENCE.matcher(Files.readString(md, StandardCharsets.UTF_8)).replaceAll("");
        Set<String> out = new HashSet<>();
        Matcher h = HEADING.matcher(text);
        while (h.find()) {
            String s = slug(h.group(1));
            String unique = s;
            for (int i = 1; !out.add(unique); i++) {
                unique = s + "-" + i;
            }
        }
        return out;
    }

    static String slug(String heading) {
        String plain = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").toLowerCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder();
        plain.codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                sb.appendCodePoint(c);
            } else if (c == ' ') {
                sb.append('-');
            }
        });
        return sb.toString();
    }
}
