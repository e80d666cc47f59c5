package org.chronolens.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.chronolens.audit.ChecklistVerdicts;
import org.chronolens.audit.Checklists;
import org.chronolens.io.RunLayout;
import org.chronolens.io.TextFiles;
import org.chronolens.review.Acknowledgements;

/**
 * What can be read: the list of runs and packs, the report's and the packs' own files (a page with
 * the server's script added), the server's script and style, and what that script asks of a run
 * or a pack (the lines recorded since the run, an auditor's verdicts so far).
 */
final class ReviewPages {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServeSettings settings;
    private final ServedRoots roots;
    private final TextFiles files;

    ReviewPages(ServeSettings settings, ServedRoots roots, TextFiles files) {
        this.settings = settings;
        this.roots = roots;
        this.files = files;
    }

    void home(Exchange x) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>chronolens review</title>\n"
                + "<link rel=\"stylesheet\" href=\"" + ServedPages.ASSETS + "review.css\">\n</head>\n<body class=\"served-home\">\n"
                + "<header><h1>chronolens: reports and audit packs</h1></header>\n<main>\n<h2>Runs</h2>\n");
        List<Path> runs = roots.runsWithReports();
        if (runs.isEmpty()) {
            html.append("<p>No completed run with a report under the served folder.</p>\n");
        } else {
            html.append("<ul>\n");
            for (Path run : newestFirst(runs)) {
                html.append("<li><a href=\"").append(ServedPages.escape(roots.urlOf(run.resolve("report/index.html"))))
                        .append("\">").append(ServedPages.escape(label(roots.runsRoot(), run))).append("</a></li>\n");
            }
            html.append("</ul>\n");
        }
        if (roots.auditRoot() != null) {
            html.append("<h2>Audit packs</h2>\n<ul>\n");
            for (Path pack : roots.packs()) {
                html.append("<li><a href=\"").append(ServedPages.escape(roots.urlOf(pack.resolve("index.html"))))
                        .append("\">").append(ServedPages.escape(label(roots.auditRoot(), pack))).append("</a></li>\n");
            }
            html.append("</ul>\n");
        }
        html.append("</main>\n</body>\n</html>\n");
        x.send(200, "text/html; charset=utf-8", html.toString().getBytes(StandardCharsets.UTF_8), ServedPages.policy());
    }

    /** Run folders sort by their as-of date in their names; the newest is the one most often wanted. */
    private static List<Path> newestFirst(List<Path> runs) {
        List<Path> out = new ArrayList<>(runs);
        java.util.Collections.reverse(out);
        return out;
    }

    private static String label(Path root, Path folder) {
        String rel = root.relativize(folder).toString();
        return rel.isEmpty() ? folder.getFileName().toString() : rel;
    }

    void asset(Exchange x, String name, String type) {
        try (InputStream in = ReviewPages.class.getResourceAsStream(name)) {
            x.send(200, type, in.readAllBytes(), ServedPages.policy());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void file(Exchange x, String path) {
        Optional<Path> found = roots.resolve(path);
        if (found.isEmpty()) {
            x.text(404, "Not found.");
            return;
        }
        Path real = found.get();
        if (Files.isDirectory(real)) {
            if (Files.isRegularFile(real.resolve("index.html"))) {
                x.redirect(roots.urlOf(real.resolve("index.html")));
            } else {
                x.text(404, "Not found.");
            }
            return;
        }
        byte[] body;
        try {
            body = Files.readAllBytes(real);
        } catch (IOException e) {
            x.text(404, "Not found.");
            return;
        }
        String name = real.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".html")) {
            String html = new String(body, StandardCharsets.UTF_8);
            // The policy is of the page as written; the server's additions are files of its own.
            String policy = ServedPages.policy(html);
            x.send(200, "text/html; charset=utf-8", ServedPages.inject(html, pageData(x, real))
                    .getBytes(StandardCharsets.UTF_8), policy);
            return;
        }
        x.send(200, contentType(name), body, ServedPages.policy());
    }

    /** What the server's script needs to know of a page: whose session, which run or pack, what it may do. */
    private Map<String, String> pageData(Exchange x, Path page) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("csrf", x.session.csrf);
        data.put("user", x.session.user == null ? "" : x.session.user);
        data.put("mode", settings.headerMode() ? "header" : "token");
        if (roots.isRun(page)) {
            roots.runOf(page).ifPresent(run -> {
                data.put("run", roots.urlOf(run));
                boolean child = page.startsWith(run.resolve("report").resolve("subjects"));
                data.put("kind", child ? "child" : "report");
                data.put("acks", acknowledgementsFile(run).isPresent() ? "on" : "off");
                data.put("outcomes", json(Acknowledgements.OUTCOME_WORDS));
            });
        } else {
            roots.packOf(page).ifPresent(pack -> {
                data.put("pack", roots.urlOf(pack));
                data.put("kind", page.equals(pack.resolve(RunLayout.Pack.INDEX.file())) ? "pack" : "pack-page");
                data.put("verdicts", String.join(",", Checklists.VERDICTS));
            });
        }
        return data;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String contentType(String name) {
        int dot = name.lastIndexOf('.');
        return switch (dot < 0 ? "" : name.substring(dot + 1)) {
            case "js" -> "text/javascript; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            case "svg" -> "image/svg+xml";
            case "png" -> "image/png";
            case "csv" -> "text/csv; charset=utf-8";
            case "json" -> "application/json; charset=utf-8";
            case "txt", "md" -> "text/plain; charset=utf-8";
            default -> "application/octet-stream";
        };
    }

    /**
     * The acknowledgements file reviewers of this run append to: the server's {@code --acknowledgements},
     * else the file the run's scan read, as its manifest names it.
     */
    Optional<String> acknowledgementsFile(Path run) {
        if (settings.acknowledgements() != null) {
            return Optional.of(settings.acknowledgements());
        }
        try {
            var manifest = JSON.readTree(run.resolve(RunLayout.Output.MANIFEST.file()).toFile());
            String named = manifest.path("acknowledgements").asText("");
            return named.isEmpty() ? Optional.empty() : Optional.of(named);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Lines of the acknowledgements file recorded since the run was made, for the flags of the run. */
    void trail(Exchange x) {
        Optional<Path> run = runOfUrl(x.query().get("run"));
        if (run.isEmpty()) {
            x.json(404, Map.of("error", "No such run."));
            return;
        }
        Optional<String> file = acknowledgementsFile(run.get());
        List<Map<String, String>> out = new ArrayList<>();
        if (file.isPresent() && files.exists(file.get())) {
            long seen = linesSeenBy(run.get());
            for (Acknowledgements.Entry e : Acknowledgements.load(file.get(), files.configuration()).entries()) {
                if (e.line() > seen) {
                    out.add(trailLine(e.flagKey(), e.date().toString(), e.reviewer(), e.outcome(), e.reason()));
                }
            }
        }
        x.json(200, Map.of("lines", out));
    }

    /** The last line of the acknowledgements file the run's own trail accounted for (0: none). */
    private static long linesSeenBy(Path run) {
        Path trail = run.resolve(RunLayout.Output.ACKNOWLEDGEMENTS_CSV.file());
        if (!Files.isRegularFile(trail)) {
            return 0;
        }
        long max = 0;
        try (var in = Files.newBufferedReader(trail, StandardCharsets.UTF_8)) {
            for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                String line = r.isMapped("line") ? r.get("line") : "";
                if (line.matches("[0-9]{1,18}")) {
                    max = Math.max(max, Long.parseLong(line));
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return max;
    }

    static Map<String, String> trailLine(String flag, String date, String reviewer, String outcome, String reason) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("flag", flag);
        m.put("date", date);
        m.put("reviewer", reviewer);
        m.put("outcome", Acknowledgements.OUTCOME_WORDS.getOrDefault(outcome, outcome));
        m.put("reason", reason.length() > 1 && reason.charAt(0) == '\'' && "=+-@\t\r".indexOf(reason.charAt(1)) >= 0
                ? reason.substring(1) : reason);
        m.put("status", "recorded since this run; the next run applies it");
        return m;
    }

    void verdicts(Exchange x) {
        Optional<Path> pack = packOfUrl(x.query().get("pack"));
        if (pack.isEmpty()) {
            x.json(404, Map.of("error", "No such audit pack."));
            return;
        }
        if (x.session.user == null) {
            x.json(200, Map.of("verdicts", Map.of()));
            return;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        new ChecklistVerdicts(files, pack.get().toString()).of(x.session.user).forEach((k, v) ->
                out.put(k, Map.of("verdict", v.verdict(), "comment", v.comment())));
        x.json(200, Map.of("verdicts", out));
    }

    Optional<Path> runOfUrl(String url) {
        if (url == null) {
            return Optional.empty();
        }
        return roots.locate(url).filter(p -> roots.isRun(p)).flatMap(roots::runOf);
    }

    Optional<Path> packOfUrl(String url) {
        if (url == null || roots.auditRoot() == null) {
            return Optional.empty();
        }
        return roots.locate(url).filter(p -> !roots.isRun(p)).flatMap(roots::packOf);
    }
}
