package org.chronolens;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.spi.ToolProvider;

import org.chronolens.cli.Main;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The packages stand in layers: a chronology walks upwards only, from the files to the pages. This
 * reads the compiled classes with the JDK's own {@code jdeps}, as a reviewer would, and fails on any
 * cycle between the project's packages, naming the packages in it, and on any import of a package
 * from a layer above its own in docs/architecture.md's table of layers.
 */
class PackageCyclesTest {

    private static Map<String, Set<String>> dependencies() throws Exception {
        Path classes = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("no jdeps in this JDK"));
        StringWriter out = new StringWriter();
        int code = jdeps.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "-verbose:package",
                "-filter:none", classes.toString());
        assertEquals(0, code, out.toString());
        Map<String, Set<String>> graph = new HashMap<>();
        for (String line : out.toString().split("\n")) {
            String[] w = line.trim().split("\\s+");
            if (w.length >= 3 && w[1].equals("->") && w[0].startsWith("org.chronolens") && w[2].startsWith("org.chronolens")
                    && !w[0].equals(w[2])) {
                graph.computeIfAbsent(w[0], k -> new TreeSet<>()).add(w[2]);
                graph.computeIfAbsent(w[2], k -> new TreeSet<>());
            }
        }
        return graph;
    }

    @Test
    void noPackageOfTheProjectDependsOnItself() throws Exception {
        Map<String, Set<String>> graph = dependencies();
        assertTrue(graph.size() > 10, "jdeps saw the project's packages: " + graph.keySet());
        assertTrue(graph.get("org.chronolens.cli").contains("org.chronolens.run"), "and their dependencies");
        List<Set<String>> cycles = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (String p : graph.keySet()) {
            if (seen.contains(p)) {
                continue;
            }
            Set<String> reach = reach(graph, p);
            Set<String> cycle = new TreeSet<>();
            for (String q : reach) {
                if (reach(graph, q).contains(p)) {
                    cycle.add(q);
                }
            }
            if (!cycle.isEmpty()) {
                cycle.add(p);
                seen.addAll(cycle);
                cycles.add(cycle);
            }
        }
        assertEquals(List.of(), cycles, "package cycles");
    }

    /** Each package's layer, from docs/architecture.md's table: 0 is the top (commands); a row with no layer continues the one above. */
    private static Map<String, Integer> layers() throws java.io.IOException {
        Map<String, Integer> layer = new HashMap<>();
        int index = -1;
        java.util.regex.Pattern row = java.util.regex.Pattern.compile("^\\|([^|]*)\\| ((?:`[a-z.]+`(?:, )?)+) \\| .*");
        for (String line : java.nio.file.Files.readAllLines(Path.of("docs/architecture.md"))) {
            java.util.regex.Matcher m = row.matcher(line);
            if (!m.matches()) {
                continue;
            }
            if (!m.group(1).isBlank() || index < 0) {
                index++;
            }
            for (String pkg : m.group(2).replace("`", "").split(", ")) {
                layer.put("org.chronolens." + pkg, index);
            }
        }
        return layer;
    }

    @Test
    void noPackageImportsOneFromALayerAboveItsOwnInDocsArchitectureMd() throws Exception {
        Map<String, Set<String>> graph = dependencies();
        Map<String, Integer> layer = layers();
        assertEquals(new TreeSet<>(graph.keySet()), new TreeSet<>(layer.keySet()),
                "docs/architecture.md's table of layers names every package of the project, and no other");
        List<String> upwards = new ArrayList<>();
        graph.forEach((from, to) -> to.stream().filter(q -> layer.get(q) < layer.get(from))
                .forEach(q -> upwards.add(from + " -> " + q)));
        upwards.sort(null);
        assertEquals(List.of(), upwards, "imports of a package from a layer above (docs/architecture.md)");
    }

    private static Set<String> reach(Map<String, Set<String>> graph, String from) {
        Set<String> out = new TreeSet<>();
        List<String> todo = new ArrayList<>(graph.get(from));
        while (!todo.isEmpty()) {
            String p = todo.remove(todo.size() - 1);
            if (out.add(p)) {
                todo.addAll(graph.get(p));
            }
        }
        return out;
    }
}
