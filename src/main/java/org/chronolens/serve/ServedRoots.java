package org.chronolens.serve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.chronolens.io.RunLayout;

/**
 * Maps a request's path to a file under one of the served roots, or to nothing. The path is read
 * as written in the request (still percent-encoded), decoded once, and refused when any segment is
 * empty, {@code .}, {@code ..}, hidden, or still holds a {@code %}, a backslash or a control
 * character after decoding; what is left is resolved by real path (links followed) and must lie
 * inside the root's real path. Every refusal is the same "not found", so a prober learns nothing
 * about what lies outside.
 *
 * <p>Only what the pages need is served: a committed run's {@code report/} and the two run files
 * its pages link to (the review trail and the changes), and an audit pack's pages. The flags and
 * events a run also holds, a folder that is not a run at all (an input, say), and the packs'
 * checklists (one auditor must not see another's verdicts while double coding) are "not found".
 */
final class ServedRoots {

    /** URL prefix of the runs (under {@code --root}) and of the audit packs (under {@code --audit}). */
    static final String RUNS = "/runs/";
    static final String AUDIT = "/audit/";

    private final Path runs;
    private final Path audit;

    ServedRoots(Path runs, Path audit) throws IOException {
        this.runs = runs.toRealPath();
        this.audit = audit == null ? null : audit.toRealPath();
    }

    Path runsRoot() {
        return runs;
    }

    Path auditRoot() {
        return audit;
    }

    /** The file a raw request path names, if it is one the pages need (see the class comment). */
    Optional<Path> resolve(String rawPath) {
        return locate(rawPath).filter(this::exposed);
    }

    /**
     * The file or folder a raw path names inside a root, whether or not it is served: a form names
     * its run or pack by the folder's URL.
     */
    Optional<Path> locate(String rawPath) {
        Path root;
        String rest;
        if (rawPath.startsWith(RUNS)) {
            root = runs;
            rest = rawPath.substring(RUNS.length());
        } else if (audit != null && rawPath.startsWith(AUDIT)) {
            root = audit;
            rest = rawPath.substring(AUDIT.length());
        } else {
            return Optional.empty();
        }
        Optional<List<String>> segments = segments(rest);
        if (segments.isEmpty()) {
            return Optional.empty();
        }
        Path p = root;
        for (String s : segments.get()) {
            p = p.resolve(s);
        }
        try {
            Path real = p.toRealPath();
            if (!real.startsWith(root)) {
                return Optional.empty();
            }
            // Hidden names are checked again on the real path: a link may lead to a lock file.
            for (Path part : root.relativize(real)) {
                if (part.toString().startsWith(".")) {
                    return Optional.empty();
                }
            }
            return Files.isRegularFile(real) || Files.isDirectory(real) ? Optional.of(real) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The run files outside {@code report/} that its pages link to. */
    private static final List<String> RUN_FILES_LINKED = List.of(RunLayout.Output.ACKNOWLEDGEMENTS_CSV.file(),
            RunLayout.Output.CHANGES_CSV.file());

    /** The kinds of file an audit pack's pages are made of. */
    private static final List<String> PAGE_FILES = List.of(".html", ".css", ".js", ".svg", ".png");

    private boolean exposed(Path real) {
        if (isRun(real)) {
            return runOf(real).map(run -> real.startsWith(run.resolve("report"))
                    || real.getParent().equals(run) && RUN_FILES_LINKED.contains(real.getFileName().toString()))
                    .orElse(false);
        }
        String name = real.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return packOf(real).isPresent() && (Files.isDirectory(real) || PAGE_FILES.stream().anyMatch(name::endsWith));
    }

    /** The URL of a file inside a root, for links the server writes. */
    String urlOf(Path real) {
        boolean run = isRun(real);
        Path root = run ? runs : audit;
        List<String> parts = new ArrayList<>();
        if (!real.equals(root)) {
            root.relativize(real).forEach(x -> parts.add(encode(x.toString())));
        }
        return (run ? RUNS : AUDIT) + String.join("/", parts) + (Files.isDirectory(real) && !parts.isEmpty() ? "/" : "");
    }

    /** Whether a real path belongs to the runs root rather than the audit root (the deeper root wins where they nest). */
    boolean isRun(Path real) {
        boolean inRuns = real.startsWith(runs);
        boolean inAudit = audit != null && real.startsWith(audit);
        return inRuns && (!inAudit || runs.getNameCount() > audit.getNameCount());
    }

    /** The committed run folder a file of the runs root belongs to: its nearest folder with _SUCCESS. */
    Optional<Path> runOf(Path real) {
        for (Path p = Files.isDirectory(real) ? real : real.getParent(); p != null && p.startsWith(runs); p = p.getParent()) {
            if (Files.isRegularFile(p.resolve(RunLayout.Output.SUCCESS.file()), LinkOption.NOFOLLOW_LINKS)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The audit pack a file of the audit root belongs to: its nearest folder with a sample manifest. */
    Optional<Path> packOf(Path real) {
        if (audit == null) {
            return Optional.empty();
        }
        for (Path p = Files.isDirectory(real) ? real : real.getParent(); p != null && p.startsWith(audit); p = p.getParent()) {
            if (Files.isRegularFile(p.resolve(RunLayout.Pack.MANIFEST.file()), LinkOption.NOFOLLOW_LINKS)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Committed runs with a report, and audit packs, found a few levels down (a job's runs/as_of=DATE/). */
    List<Path> runsWithReports() {
        return find(runs, p -> Files.isRegularFile(p.resolve(RunLayout.Output.SUCCESS.file()))
                && Files.isRegularFile(p.resolve("report/index.html")));
    }

    List<Path> packs() {
        return audit == null ? List.of() : find(audit, p -> Files.isRegularFile(p.resolve(RunLayout.Pack.MANIFEST.file()))
                && Files.isRegularFile(p.resolve("index.html")));
    }

    private static List<Path> find(Path root, java.util.function.Predicate<Path> is) {
        try (Stream<Path> all = Files.walk(root, 4)) {
            return all.filter(Files::isDirectory).filter(p -> !hidden(root.relativize(p))).filter(is).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /** The path's segments, decoded once, or empty when any is unsafe. */
    static Optional<List<String>> segments(String raw) {
        List<String> out = new ArrayList<>();
        if (raw.isEmpty()) {
            return Optional.of(out);
        }
        String[] parts = raw.split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isEmpty() && i == parts.length - 1) {
                break; // a trailing slash: a folder
            }
            Optional<String> s = decode(parts[i]);
            if (s.isEmpty()) {
                return Optional.empty();
            }
            String seg = s.get();
            if (seg.isEmpty() || seg.startsWith(".") || seg.indexOf('%') >= 0 || seg.indexOf('\\') >= 0
                    || seg.indexOf('/') >= 0 || seg.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                return Optional.empty();
            }
            out.add(seg);
        }
        return Optional.of(out);
    }

    /** Strict percent-decoding as UTF-8; a malformed escape or byte sequence decodes to nothing. */
    static Optional<String> decode(String s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    return Optional.empty();
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return Optional.empty();
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c > 0x7f) {
                return Optional.empty();
            } else {
                bytes.write(c);
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes.toByteArray())).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** Percent-encodes a name for a URL path segment. */
    static String encode(String name) {
        StringBuilder out = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-_.~=".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return out.toString();
    }
}
