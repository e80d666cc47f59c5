package org.chronolens.report;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;

/**
 * The report's Mustache templates, compiled once per JVM (driver or executor). {@code {{value}}}
 * escapes HTML, so every value from the data is inert text; only the generated SVG, built and
 * escaped by {@link Svg} and {@link Timeline}, goes in raw ({@code {{{...}}}}).
 */
public final class Templates {

    private static final DefaultMustacheFactory FACTORY = factory();
    private static final Map<String, Mustache> COMPILED = new ConcurrentHashMap<>();

    private Templates() {
    }

    // The scopes are maps and lists built for the page: the simple handler looks a name up in them
    // directly, where the default one guards every lookup against the scope's shape changing
    // between pages (a third of a child's page went to those guards). Same output.
    private static DefaultMustacheFactory factory() {
        DefaultMustacheFactory f = new DefaultMustacheFactory("org/chronolens/report/");
        f.setObjectHandler(new com.github.mustachejava.reflect.SimpleObjectHandler());
        return f;
    }

    /** The heading every printed page of a run's report carries, in the page margin. */
    public static String runHeading(Object asOf) {
        return "Run as of " + asOf;
    }

    public static String render(String template, Object scope) {
        Mustache m = COMPILED.computeIfAbsent(template, t -> FACTORY.compile(t + ".mustache"));
        Text out = new Text();
        m.execute(out, scope);
        return out.toString();
    }

    /**
     * A page's text as it is rendered: {@link java.io.StringWriter} locks its buffer on every
     * character the escaper writes, and a page is written by one thread.
     */
    private static final class Text extends java.io.Writer {
        private final StringBuilder text = new StringBuilder(16 * 1024);

        @Override
        public void write(int c) {
            text.append((char) c);
        }

        @Override
        public void write(char[] chars, int off, int len) {
            text.append(chars, off, len);
        }

        @Override
        public void write(String s, int off, int len) {
            text.append(s, off, off + len);
        }

        @Override
        public java.io.Writer append(CharSequence s) {
            text.append(s);
            return this;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
