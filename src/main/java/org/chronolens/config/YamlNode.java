package org.chronolens.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * A YAML node that remembers where it came from, so that every complaint about a configuration
 * file can name the file and the line. Only what configuration files need: mappings with a known
 * set of keys, and scalars.
 */
public final class YamlNode {

    private final String file;
    private final String path;
    private final Node node;

    private YamlNode(String file, String path, Node node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    /** Configuration files are small: anything larger is not one. */
    static final int MAX_BYTES = 1 << 20;

    /**
     * Reads a configuration file, refusing with the file and the line what is not plain YAML text:
     * a file over 1 MiB, bytes that are not UTF-8, control characters (NUL included), aliases
     * (which can expand a small file into a huge document), invalid YAML.
     */
    public static YamlNode load(Path file) {
        String name = file.toString();
        return load(name, ConfigText.read(file, MAX_BYTES));
    }

    /** Reads YAML from any reader; {@code name} is how messages name it. */
    public static YamlNode load(String name, Reader reader) {
        try {
            StringBuilder b = new StringBuilder();
            char[] buf = new char[8192];
            for (int n; (n = reader.read(buf)) > 0; ) {
                b.append(buf, 0, n);
                if (b.length() > MAX_BYTES) {
                    throw new ConfigException(name + ": longer than 1 MiB; a configuration file is smaller");
                }
            }
            return load(name, b.toString());
        } catch (IOException e) {
            throw new ConfigException(name + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    private static YamlNode load(String name, String text) {
        ConfigText.checkCharacters(name, text);
        LoadSettings settings = LoadSettings.builder().setLabel(name).setCodePointLimit(MAX_BYTES)
                .setMaxAliasesForCollections(0).build();
        try {
            for (org.snakeyaml.engine.v2.events.Event e : new org.snakeyaml.engine.v2.api.lowlevel.Parse(settings)
                    .parseString(text)) {
                if (e instanceof org.snakeyaml.engine.v2.events.AliasEvent) {
                    int line = e.getStartMark().map(m -> m.getLine() + 1).orElse(0);
                    throw new ConfigException(name + " line " + line + ": YAML aliases (*name) are not allowed in "
                            + "configuration files; write the value out");
                }
            }
            Optional<Node> root = new Compose(settings).composeString(text);
            if (root.isEmpty()) {
                throw new ConfigException(name + ": the file is empty");
            }
            return new YamlNode(name, "", root.get());
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
            throw new ConfigException(name + " line " + line + ": not valid YAML (" + e.getProblem() + ")");
        } catch (org.snakeyaml.engine.v2.exceptions.YamlEngineException e) {
            throw new ConfigException(name + ": not valid YAML (" + e.getMessage() + ")");
        }
    }

    public int line() {
        return node.getStartMark().map(Mark::getLine).orElse(-1) + 1;
    }

    /** Where this node is, for messages: {@code file line N (key.path)}. */
    public String where() {
        return file + " line " + line() + (path.isEmpty() ? "" : " (" + path + ")");
    }

    public ConfigException error(String problem) {
        return new ConfigException(where() + ": " + problem);
    }

    public boolean isScalar() {
        return node instanceof ScalarNode;
    }

    public boolean isMapping() {
        return node instanceof MappingNode;
    }

    public String scalar() {
        if (node instanceof ScalarNode s) {
            return s.getValue();
        }
        throw error("expected a single value");
    }

    /** The entries of a mapping, in file order; every key must be one of {@code allowed} (empty: any key). */
    public Map<String, YamlNode> entries(Set<String> allowed) {
        if (!(node instanceof MappingNode m)) {
            throw error("expected a mapping of keys to values");
        }
        Map<String, YamlNode> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            YamlNode key = new YamlNode(file, path, t.getKeyNode());
            String k = key.scalar();
            if (!allowed.isEmpty() && !allowed.contains(k)) {
                List<String> sorted = new ArrayList<>(allowed);
                sorted.sort(null);
                throw key.error("unknown key '" + k + "'; expected one of " + String.join(", ", sorted));
            }
            if (out.containsKey(k)) {
                throw key.error("key '" + k + "' is given twice");
            }
            out.put(k, new YamlNode(file, path.isEmpty() ? k : path + "." + k, t.getValueNode()));
        }
        return out;
    }

    /** The items of a sequence ({@code [a, b]} or a dash list). */
    public List<YamlNode> items() {
        if (!(node instanceof org.snakeyaml.engine.v2.nodes.SequenceNode seq)) {
            throw error("expected a list, e.g. [a, b]");
        }
        List<YamlNode> out = new ArrayList<>();
        int i = 0;
        for (Node item : seq.getValue()) {
            out.add(new YamlNode(file, path + "[" + i++ + "]", item));
        }
        return out;
    }

    public String file() {
        return file;
    }
}
