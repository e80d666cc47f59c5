package org.chronolens.serve;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.chronolens.audit.ChecklistVerdicts;
import org.chronolens.check.IdentifierWords;
import org.chronolens.check.PiiScanner;
import org.chronolens.config.ConfigException;
import org.chronolens.io.TextFiles;
import org.chronolens.io.UsageException;
import org.chronolens.review.AcknowledgementLog;
import org.chronolens.review.Acknowledgements;
import org.eclipse.jetty.server.Request;

/**
 * What can be written, and only through here: the reviewer's pseudonym for the session, a line of
 * the acknowledgements file (through the same {@link AcknowledgementLog} as {@code acknowledge})
 * and a verdict in a pack's checklist. Every form needs the session's CSRF token and fits in the
 * body cap; a note or comment holding an identifier is refused and nothing is written.
 */
final class ReviewForms {

    static final String CSRF_HEADER = "X-CSRF-Token";

    private final ServeSettings settings;
    private final ReviewPages pages;
    private final TextFiles files;
    private final PiiScanner pii = new PiiScanner();

    ReviewForms(ServeSettings settings, ReviewPages pages, TextFiles files) {
        this.settings = settings;
        this.pages = pages;
        this.files = files;
    }

    void post(Exchange x, String path) {
        long declared = x.request.getLength();
        if (declared > settings.maxBodyBytes()) {
            x.text(413, "The request is larger than a form of this server (" + settings.maxBodyBytes() + " bytes); nothing was written.");
            return;
        }
        byte[] body;
        try (InputStream in = Request.asInputStream(x.request)) {
            body = in.readNBytes(settings.maxBodyBytes() + 1);
        } catch (IOException e) {
            x.text(400, "The request's body could not be read; nothing was written.");
            return;
        }
        if (body.length > settings.maxBodyBytes()) {
            x.text(413, "The request is larger than a form of this server (" + settings.maxBodyBytes() + " bytes); nothing was written.");
            return;
        }
        Map<String, String> form = form(new String(body, StandardCharsets.UTF_8));
        String csrf = x.request.getHeaders().get(CSRF_HEADER);
        if (!x.session.csrfMatches(csrf != null ? csrf : form.get("csrf"))) {
            x.text(403, "This form is not from this session (its CSRF token is missing or wrong); nothing was written. "
                    + "Reload the page and try again.");
            return;
        }
        switch (path) {
            case ServedPages.ASSETS + "name" -> name(x, form);
            case ServedPages.ASSETS + "acknowledge" -> acknowledge(x, form);
            case ServedPages.ASSETS + "verdict" -> verdict(x, form);
            default -> x.text(405, "Nothing here can be changed: the server writes only acknowledgements and audit verdicts.");
        }
    }

    private void name(Exchange x, Map<String, String> form) {
        if (settings.headerMode()) {
            x.json(409, Map.of("error", "You are signed in as " + x.session.user + " by single sign-on; that name is used."));
            return;
        }
        String name = form.getOrDefault("name", "").strip();
        if (!Acknowledgements.PSEUDONYM.matcher(name).matches() || pii.scan(name).found()) {
            x.json(400, Map.of("error", "'" + (name.length() > 20 ? name.substring(0, 20) + "..." : name)
                    + "' is not a pseudonym: use letters, digits, '.', '_' or '-' (up to 64 characters, no spaces), "
                    + "such as rev-07; never your name or e-mail address."));
            return;
        }
        synchronized (x.session) {
            // Once per session: every line of a session is signed by one person.
            if (x.session.user != null && !x.session.user.equals(name)) {
                x.json(409, Map.of("error", "This session already reviews as " + x.session.user + "; to sign as someone "
                        + "else, open the address serve printed in a private window."));
                return;
            }
            x.session.user = name;
        }
        x.json(200, Map.of("user", name));
    }

    private void acknowledge(Exchange x, Map<String, String> form) {
        if (x.session.user == null) {
            x.json(409, Map.of("error", "Give your reviewer pseudonym first; nothing was written."));
            return;
        }
        Optional<Path> run = pages.runOfUrl(form.get("run"));
        if (run.isEmpty()) {
            x.json(404, Map.of("error", "No such run under the served folder; nothing was written."));
            return;
        }
        Optional<String> file = pages.acknowledgementsFile(run.get());
        if (file.isEmpty()) {
            x.json(409, Map.of("error", "This server has no acknowledgements file for this run (start serve with "
                    + "--acknowledgements FILE, or scan with --acknowledgements); nothing was written."));
            return;
        }
        String note = form.getOrDefault("note", "").strip();
        String outcome = form.getOrDefault("outcome", "").strip();
        String flag = form.getOrDefault("flag", "").strip();
        if (note.isEmpty()) {
            x.json(400, Map.of("error", "Write a reason or reflection: it is the audit trail. Nothing was written."));
            return;
        }
        if (note.length() > ServeSettings.MAX_NOTE) {
            x.json(400, Map.of("error", "The note is " + note.length() + " characters; keep it to "
                    + ServeSettings.MAX_NOTE + ". Nothing was written."));
            return;
        }
        PiiScanner.Scan scan = pii.scan(note);
        if (scan.found()) {
            // The note is not echoed: it holds the identifier.
            x.json(400, Map.of("error", "The note holds what looks like " + IdentifierWords.of(scan)
                    + ". Nothing was written: rewrite it without identifiers (pseudonyms only)."));
            return;
        }
        if (!Acknowledgements.OUTCOMES.contains(outcome)) {
            x.json(400, Map.of("error", "Choose an outcome (" + String.join(", ", Acknowledgements.OUTCOME_WORDS.values())
                    + "); nothing was written."));
            return;
        }
        String day = settings.today().get().toString();
        try {
            new AcknowledgementLog(files, file.get()).append(new AcknowledgementLog.Request(run.get().toString(), flag,
                    x.session.user, day, outcome, note), Duration.ofSeconds(10));
        } catch (UsageException | ConfigException e) {
            // The shared checks name files as an operator gives them; a browser is told no server path.
            x.json(400, Map.of("error", e.getMessage().replace(run.get().toString(), "this run")
                    .replace(file.get(), "the acknowledgements file")));
            return;
        }
        x.json(200, Map.of("line", ReviewPages.trailLine(flag, day, x.session.user, outcome, note)));
    }

    private void verdict(Exchange x, Map<String, String> form) {
        if (x.session.user == null) {
            x.json(409, Map.of("error", "Give your auditor pseudonym first; nothing was written."));
            return;
        }
        Optional<Path> pack = pages.packOfUrl(form.get("pack"));
        if (pack.isEmpty()) {
            x.json(404, Map.of("error", "No such audit pack under the served folder; nothing was written."));
            return;
        }
        try {
            ChecklistVerdicts.Recorded r = new ChecklistVerdicts(files, pack.get().toString()).record(x.session.user,
                    form.getOrDefault("flag", "").strip(), form.getOrDefault("verdict", "").strip(), form.get("comment"));
            x.json(200, Map.of("flag", r.flagKey(), "verdict", r.verdict(), "comment", r.comment(),
                    "checklist", Path.of(r.file()).getFileName().toString()));
        } catch (UsageException | ConfigException e) {
            x.json(400, Map.of("error", e.getMessage().replace(pack.get().toString(), "this audit pack")));
        }
    }

    /** An application/x-www-form-urlencoded body or query; the first value of a name counts. */
    static Map<String, String> form(String text) {
        Map<String, String> out = new HashMap<>();
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.putIfAbsent(k, v);
            } catch (IllegalArgumentException e) {
                // A malformed pair is left out, as a form field that was never sent.
            }
        }
        return out;
    }
}
