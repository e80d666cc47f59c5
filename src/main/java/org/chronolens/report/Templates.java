package org.chronolens.report;

import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;

/**
 * The report's Mustache templates, compiled once per JVM (driver or executor). {@code {{value}}}
 * escapes HTML, so every value from the data is inert text; only the generated SVG, built and
 * escaped by {@link Svg} and {@link Timeline}, goes in raw ({@code {{{...}}}}). The children's pages,
 * tens of thousands a run, are written by code instead ({@link ChildPageHtml}), escaping the same way.
 */
public final class Templates {

    private static final DefaultMustacheFactory FACTORY = new DefaultMustacheFactory("org/chronolens/report/");
    private static final Map<String, Mustache> COMPILED = new ConcurrentHashMap<>();

    private Templates() {
    }

    /** The heading every printed page of a run's report carries, in the page margin. */
    public static String runHeading(Object asOf) {
        return "Run as of " + asOf;
    }

    public static String render(String template, Object scope) {
        Mustache m = COMPILED.computeIfAbsent(template, t -> FACTORY.compile(t + ".mustache"));
        StringWriter out = new StringWriter();
        m.execute(out, scope);
        return out.toString();
    }
}
