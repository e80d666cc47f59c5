package org.chronolens.serve;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.apache.spark.sql.SparkSession;
import org.chronolens.Cli;
import org.chronolens.SparkExtension;
import org.chronolens.TestFiles;
import org.chronolens.cli.ExitCode;
import org.chronolens.review.Acknowledgements;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.chronolens.TestFiles.HEADER;
import static org.junit.jupiter.api.Assertions.*;

/**
 * serve over HTTP, as a browser, a prober and a careless proxy would meet it: nobody without a
 * session gets in, no POST without the session's CSRF token writes anything, nothing outside the
 * served roots can be read, a note holding an identifier is refused, concurrent reviewers each get
 * one whole line, and the access log keeps no note and no token.
 */
@ExtendWith(SparkExtension.class)
class ReviewServerTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 2);
    private static final String FLAG = "missed-appointments|F1|C1";

    @TempDir
    static Path shared;

    /** The job's output root: one committed run with its report, and a secret beside the root. */
    private static Path root;
    private static Path run;

    @TempDir
    Path dir;

    private Path acks;
    private StringWriter accessLog;
    private ReviewServer server;
    private Http http;

    @BeforeAll
    static void scan(SparkSession spark) throws Exception {
        Path in = TestFiles.csv(shared, "in/health.csv", HEADER,
                "F1,C1,E1,2026-01-01,health,appointment,was_not_brought,,,,",
                "F1,C1,E2,2026-01-10,health,appointment,did_not_attend,,,,",
                "F1,C1,E3,2026-01-20,health,appointment,was_not_brought,,,,");
        root = shared.resolve("out");
        run = root.resolve("runs").resolve("as_of=2026-10-31");
        Cli.Outcome o = Cli.run("scan", "--input", in.toString(), "--as-of", "2026-10-31", "--out", run.toString());
        assertEquals(ExitCode.OK.code(), o.code(), o.all());
        Files.writeString(shared.resolve("secret.txt"), "not for the web");
        Files.createDirectories(shared.resolve("outside"));
        Files.writeString(shared.resolve("outside/page.html"), "<p>outside</p>");
        // A link inside the root that leads out of it.
        Files.createSymbolicLink(run.resolve("report").resolve("escape"), shared.resolve("outside"));
        Files.createSymbolicLink(run.resolve("report").resolve("secret.txt"), shared.resolve("secret.txt"));
    }

    @BeforeEach
    void start() throws Exception {
        acks = dir.resolve("acks.csv");
        accessLog = new StringWriter();
        server = new ReviewServer(new ServeSettings(root, null, InetAddress.getLoopbackAddress(), 0, null, acks.toString(),
                ServeSettings.MAX_BODY_BYTES, new PrintWriter(accessLog), () -> TODAY));
        server.start();
        http = new Http(server.port());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private String childPage() throws Exception {
        try (Stream<Path> pages = Files.walk(run.resolve("report").resolve("subjects"))) {
            Path page = pages.filter(p -> p.toString().endsWith(".html")).findFirst().orElseThrow();
            return "/runs/" + root.relativize(page).toString();
        }
    }

    /** Signs in with the printed address; returns the cookie header value. */
    private String signIn() {
        String query = server.url().substring(server.url().indexOf("/?"));
        Http.Reply r = http.get(query);
        assertEquals(303, r.status(), "the token opens a session and leaves the address bar: " + r);
        String cookie = r.sessionCookie();
        assertNotNull(cookie, r.toString());
        String set = r.header("set-cookie");
        assertTrue(set.contains("HttpOnly") && set.contains("SameSite=Strict"), "the cookie is HttpOnly and SameSite=Strict: " + set);
        return cookie;
    }

    /** Signs in, gives the pseudonym, and returns {cookie, csrf}. */
    private String[] reviewer(String name) throws Exception {
        String cookie = signIn();
        Http.Reply page = http.get(childPage(), "Cookie", cookie);
        assertEquals(200, page.status(), page.body());
        String csrf = page.csrf();
        Http.Reply named = http.post("/-/name", Http.form("name", name), "Cookie", cookie, "X-CSRF-Token", csrf);
        assertEquals(200, named.status(), named.body());
        return new String[] {cookie, csrf};
    }

    private Http.Reply acknowledge(String[] session, String note) {
        return http.post("/-/acknowledge", Http.form("run", "/runs/runs/as_of=2026-10-31/", "flag", FLAG, "outcome",
                "discussed-in-supervision", "note", note), "Cookie", session[0], "X-CSRF-Token", session[1]);
    }

    @Test
    void aReviewerAcknowledgesAFlagAndTheLineIsTheOneAcknowledgeWouldWrite() throws Exception {
        String[] session = reviewer("rev-07");
        Http.Reply r = acknowledge(session, "Discussed with the GP at supervision");
        assertEquals(200, r.status(), r.body());
        assertTrue(r.body().contains("\"outcome\":\"discussed in supervision\""), r.body());
        List<String> lines = Files.readAllLines(acks);
        assertEquals(List.of(String.join(",", Acknowledgements.COLUMNS),
                FLAG + ",E1;E2;E3,rev-07,2026-11-02,discussed-in-supervision,Discussed with the GP at supervision"), lines,
                "the reviewer is the session's, the date the server's today, the evidence the run's");
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(acks)),
                "the file is its owner's only");
        Http.Reply trail = http.get("/-/trail?run=%2Fruns%2Fruns%2Fas_of%3D2026-10-31%2F", "Cookie", session[0]);
        assertTrue(trail.body().contains("Discussed with the GP at supervision")
                && trail.body().contains("the next run applies it"), "the page's trail shows it at once: " + trail.body());
    }

    @Test
    void aServedPageCarriesAPolicyItsOwnScriptsSatisfyAndTheServersScript() throws Exception {
        String cookie = signIn();
        Http.Reply page = http.get(childPage(), "Cookie", cookie);
        String policy = page.header("content-security-policy");
        assertNotNull(policy, page.headers().toString());
        String html = Files.readString(run.resolve(childPage().substring("/runs/runs/as_of=2026-10-31/".length())));
        java.util.regex.Matcher inline = java.util.regex.Pattern.compile("(?s)<script>(.*?)</script>").matcher(html);
        assertTrue(inline.find(), "the child's page has an inline script of its own");
        assertTrue(policy.contains("'sha256-" + ServedPages.sha256(inline.group(1)) + "'"), "allowed by its hash: " + policy);
        assertTrue(policy.startsWith("default-src 'none'; script-src 'self' 'sha256-"), policy);
        assertFalse(policy.contains("unsafe-inline"), policy);
        assertTrue(page.body().contains("<script src=\"/-/review.js\" defer data-csrf="), "the server adds its script");
        assertFalse(html.contains("review.js"), "the page on disk knows nothing of the server");
        assertEquals(200, http.get("/-/review.js", "Cookie", cookie).status());
    }

    @Test
    void withoutASessionNothingIsServedOrWritten() throws Exception {
        Http.Reply page = http.get(childPage());
        assertEquals(403, page.status());
        assertTrue(page.body().contains("open the address that serve printed"), page.body());
        assertEquals(403, http.get("/").status());
        assertEquals(403, http.get("/?token=not-the-token").status(), "a wrong token opens nothing");
        assertEquals(403, http.get("/-/review.js").status());
        Http.Reply post = http.post("/-/acknowledge", Http.form("run", "/runs/runs/as_of=2026-10-31/", "flag", FLAG,
                "outcome", "action-taken", "note", "Seen"));
        assertEquals(403, post.status());
        assertEquals(403, http.get(childPage(), "Cookie", Sessions.COOKIE + "=forged").status(), "a forged cookie is no session");
        assertFalse(Files.exists(acks), "nothing was written");
    }

    @Test
    void aPostWithoutOrWithAWrongCsrfTokenIs403AndWritesNothing() throws Exception {
        String[] session = reviewer("rev-07");
        String body = Http.form("run", "/runs/runs/as_of=2026-10-31/", "flag", FLAG, "outcome", "action-taken", "note", "Seen");
        Http.Reply none = http.post("/-/acknowledge", body, "Cookie", session[0]);
        assertEquals(403, none.status());
        assertTrue(none.body().contains("its CSRF token is missing or wrong); nothing was written"), none.body());
        assertEquals(403, http.post("/-/acknowledge", body, "Cookie", session[0], "X-CSRF-Token", "wrong").status());
        assertEquals(403, http.post("/-/acknowledge", body + "&csrf=wrong", "Cookie", session[0]).status());
        assertEquals(403, http.post("/-/name", Http.form("name", "rev-99"), "Cookie", session[0]).status());
        assertFalse(Files.exists(acks), "nothing was written");
        assertEquals(200, http.post("/-/acknowledge", body + "&csrf=" + session[1], "Cookie", session[0]).status(),
                "the token in the form's body does as well as in the header");
    }

    @Test
    void pathsOutsideTheRootsAreNotFoundWhateverTheirEncoding() throws Exception {
        String cookie = signIn();
        String report = "/runs/runs/as_of=2026-10-31/report/";
        assertEquals(200, http.get(report + "index.html", "Cookie", cookie).status(), "inside: found");
        for (String path : List.of("/runs/../secret.txt", "/runs/../../etc/passwd", report + "../../../../secret.txt",
                "/runs/%2e%2e/secret.txt", "/runs/%2E%2E/secret.txt", report + "%2e%2e/%2e%2e/%2e%2e/%2e%2e/secret.txt",
                "/runs/%252e%252e/secret.txt", report + "%252e%252e%252f%252e%252e%252fsecret.txt",
                "/runs/..%2fsecret.txt", "/runs/%2e%2e%2fsecret.txt", "/runs/.%2e/secret.txt",
                report + "escape/page.html", report + "secret.txt", "/runs/runs/.as_of=2026-10-31.lock",
                "/runs//etc/passwd", "/etc/passwd", "/runs/runs/as_of=2026-10-31/report/%5c..%5c..%5csecret.txt")) {
            Http.Reply r = http.get(path, "Cookie", cookie);
            assertEquals(404, r.status(), path + " -> " + r.status() + " " + r.body());
            assertFalse(r.body().contains("not for the web") || r.body().contains("outside"), path);
        }
        assertEquals(400, http.get("/runs/%00", "Cookie", cookie).status(), "a NUL in a path is no request at all");
    }

    @Test
    void aBodyOverTheCapIs413AndWritesNothing() throws Exception {
        String[] session = reviewer("rev-07");
        String note = "x".repeat(ServeSettings.MAX_BODY_BYTES + 10);
        Http.Reply r = acknowledge(session, note);
        assertEquals(413, r.status(), r.body());
        assertTrue(r.body().contains("nothing was written"), r.body());
        assertFalse(Files.exists(acks), "nothing was written");
    }

    @Test
    void aNoteHoldingAnNhsNumberIsRefusedSayingWhatWasFoundAndNothingIsWritten() throws Exception {
        String[] session = reviewer("rev-07");
        Http.Reply r = acknowledge(session, "GP confirmed 943 476 5919 attended");
        assertEquals(400, r.status(), r.body());
        assertTrue(r.body().contains("The note holds what looks like an NHS number. Nothing was written"), r.body());
        Http.Reply rename = http.post("/-/name", Http.form("name", "rev-08"), "Cookie", session[0], "X-CSRF-Token", session[1]);
        assertEquals(409, rename.status(), "a session signs with one pseudonym: " + rename.body());
        assertFalse(r.body().contains("5919"), "the identifier is not echoed");
        assertFalse(Files.exists(acks), "nothing was written");
        assertFalse(accessLog.toString().contains("5919"), accessLog.toString());
    }

    @Test
    void twentyConcurrentAcknowledgementsAreTwentyWholeLines() throws Exception {
        String[] session = reviewer("rev-07");
        ExecutorService pool = Executors.newFixedThreadPool(21);
        java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
        try {
            // A scan reading the file meanwhile: every read is a whole, valid file.
            Future<Integer> reader = pool.submit(() -> {
                int reads = 0;
                while (writing.get()) {
                    if (Files.exists(acks)) {
                        Acknowledgements.load(acks.toString(), new org.apache.hadoop.conf.Configuration());
                        reads++;
                    }
                }
                return reads;
            });
            List<Callable<Integer>> posts = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String note = "Reflection number " + i + ", discussed in supervision";
                posts.add(() -> acknowledge(session, note).status());
            }
            for (Future<Integer> f : pool.invokeAll(posts)) {
                assertEquals(200, f.get());
            }
            writing.set(false);
            assertTrue(reader.get() > 0, "the reader read while the reviewers wrote");
        } finally {
            writing.set(false);
            pool.shutdown();
        }
        Acknowledgements read = Acknowledgements.load(acks.toString(), new org.apache.hadoop.conf.Configuration());
        assertEquals(20, read.entries().size(), "twenty lines, every one of them whole and valid");
        for (int i = 0; i < 20; i++) {
            String note = "Reflection number " + i + ", discussed in supervision";
            assertEquals(1, read.entries().stream().filter(e -> e.reason().equals(note)).count(), note);
        }
        assertEquals(21, Files.readAllLines(acks).size(), "a header and twenty lines");
    }

    @Test
    void theAccessLogHoldsNoNoteNoTokenAndNoCsrfToken() throws Exception {
        String[] session = reviewer("rev-07");
        assertEquals(200, acknowledge(session, "Quietly-worded reflection about engagement").status());
        assertEquals(400, acknowledge(session, "Call 07700 900123 about this").status());
        String log;
        String token = server.url().substring(server.url().indexOf("token=") + 6);
        assertEquals(404, http.get("/runs/943%204765919.html", "Cookie", session[0]).status());
        // The line is written once the answer has gone, so the client may read it first.
        for (long until = System.nanoTime() + 5_000_000_000L; !accessLog.toString().contains(" 404 ")
                && System.nanoTime() < until; ) {
            Thread.sleep(20);
        }
        log = accessLog.toString();
        assertTrue(log.contains("GET /runs/[REDACTED:nhs_number].html 404"), "an identifier typed into a path is redacted: " + log);
        assertTrue(log.contains("POST /-/acknowledge 200"), log);
        assertTrue(log.contains("rev-07"), "the log says who: " + log);
        for (String secret : List.of("Quietly-worded", "reflection", "07700", token, session[1], session[0].substring(session[0].indexOf('=') + 1))) {
            assertFalse(log.contains(secret), "the access log keeps no '" + secret + "': " + log);
        }
    }

    @Test
    void headerModeTrustsTheProxysUserAndRefusesWithoutIt() throws Exception {
        server.close();
        server = new ReviewServer(new ServeSettings(root, null, InetAddress.getLoopbackAddress(), 0, "X-Forwarded-User",
                acks.toString(), ServeSettings.MAX_BODY_BYTES, new PrintWriter(accessLog), () -> TODAY));
        server.start();
        http = new Http(server.port());
        assertEquals(403, http.get(childPage()).status(), "no user, no page");
        Http.Reply email = http.get(childPage(), "X-Forwarded-User", "jane.smith@example.org");
        assertEquals(403, email.status());
        assertTrue(email.body().contains("not a pseudonym"), email.body());
        Http.Reply page = http.get(childPage(), "X-Forwarded-User", "rev-11");
        assertEquals(200, page.status());
        String cookie = page.sessionCookie();
        Http.Reply r = http.post("/-/acknowledge", Http.form("run", "/runs/runs/as_of=2026-10-31/", "flag", FLAG,
                "outcome", "escalated-to-strategy-discussion", "note", "Escalated"), "X-Forwarded-User", "rev-11",
                "Cookie", cookie, "X-CSRF-Token", page.csrf());
        assertEquals(200, r.status(), r.body());
        assertTrue(Files.readString(acks).contains(",rev-11,2026-11-02,escalated-to-strategy-discussion,Escalated"),
                "the line is signed by the proxy's user");
        Http.Reply other = http.post("/-/acknowledge", Http.form("run", "/runs/runs/as_of=2026-10-31/", "flag", FLAG,
                "outcome", "action-taken", "note", "Not mine"), "X-Forwarded-User", "rev-12", "Cookie", cookie,
                "X-CSRF-Token", page.csrf());
        assertEquals(403, other.status(), "another user never inherits a session");
    }

    /** An audit pack as the sample command lays it out, reduced to what the verdicts need. */
    private Path pack() throws Exception {
        Path pack = dir.resolve("audit/2026-11");
        TestFiles.csv(pack, "sample.csv", "flag_key,stratum,rank,rule_id", FLAG + ",missed-appointments,1,missed-appointments");
        TestFiles.csv(pack, "checklist.csv", "flag_key,stratum,rank,rule_id,case_id,subject_id,page,explanation,verdict,auditor,comment",
                FLAG + ",missed-appointments,1,missed-appointments,F1,C1,subjects/F1/C1.html,Three missed,,,");
        TestFiles.csv(pack, "sample-manifest.json", "{\"sample_id\": \"s1\"}");
        TestFiles.csv(pack, "index.html", "<!DOCTYPE html><html><head></head><body><table><tbody><tr><td><code>" + FLAG
                + "</code></td></tr></tbody></table></body></html>");
        server.close();
        server = new ReviewServer(new ServeSettings(root, dir.resolve("audit"), InetAddress.getLoopbackAddress(), 0, null,
                acks.toString(), ServeSettings.MAX_BODY_BYTES, new PrintWriter(accessLog), () -> TODAY));
        server.start();
        http = new Http(server.port());
        return pack;
    }

    @Test
    void verdictsNeedTheSessionAndItsCsrfTokenAndGoToEachAuditorsOwnChecklist() throws Exception {
        Path pack = pack();
        String before = Files.readString(pack.resolve("checklist.csv"));
        String verdict = Http.form("pack", "/audit/2026-11/", "flag", FLAG, "verdict", "agree", "comment", "In the record");
        assertEquals(403, http.post("/-/verdict", verdict).status(), "no session");
        String cookie = signIn();
        Http.Reply page = http.get("/audit/2026-11/index.html", "Cookie", cookie);
        assertEquals(200, page.status());
        assertTrue(page.body().contains("data-kind=\"pack\""), page.body());
        String csrf = page.csrf();
        assertEquals(200, http.post("/-/name", Http.form("name", "aud-a"), "Cookie", cookie, "X-CSRF-Token", csrf).status());
        assertEquals(403, http.post("/-/verdict", verdict, "Cookie", cookie).status(), "no CSRF token");
        assertEquals(403, http.post("/-/verdict", verdict, "Cookie", cookie, "X-CSRF-Token", "wrong").status(), "a wrong one");
        Http.Reply pii = http.post("/-/verdict", Http.form("pack", "/audit/2026-11/", "flag", FLAG, "verdict", "agree",
                "comment", "Mother on 07700 900123"), "Cookie", cookie, "X-CSRF-Token", csrf);
        assertEquals(400, pii.status());
        assertTrue(pii.body().contains("the comment holds what looks like a phone number"), pii.body());
        assertEquals(404, http.post("/-/verdict", Http.form("pack", "/audit/%2e%2e/", "flag", FLAG, "verdict", "agree"),
                "Cookie", cookie, "X-CSRF-Token", csrf).status(), "no pack outside the audit root");
        assertEquals(before, Files.readString(pack.resolve("checklist.csv")), "nothing was written");

        assertEquals(200, http.post("/-/verdict", verdict, "Cookie", cookie, "X-CSRF-Token", csrf).status());
        assertTrue(Files.readString(pack.resolve("checklist.csv")).contains(",agree,aud-a,In the record"));
        String second = signIn();
        String csrf2 = http.get("/audit/2026-11/index.html", "Cookie", second).csrf();
        http.post("/-/name", Http.form("name", "aud-b"), "Cookie", second, "X-CSRF-Token", csrf2);
        Http.Reply b = http.post("/-/verdict", Http.form("pack", "/audit/2026-11/", "flag", FLAG, "verdict", "disagree"),
                "Cookie", second, "X-CSRF-Token", csrf2);
        assertEquals(200, b.status(), b.body());
        assertTrue(b.body().contains("checklist-aud-b.csv"), b.body());
        assertTrue(Files.readString(pack.resolve("checklist-aud-b.csv")).contains(",disagree,aud-b,"));
        assertTrue(Files.readString(pack.resolve("checklist.csv")).contains(",agree,aud-a,"), "the first auditor's verdict stands");
        assertFalse(accessLog.toString().contains("In the record") || accessLog.toString().contains("07700"), accessLog.toString());
    }

    @Test
    void bindingBeyondLoopbackWithoutHeaderAuthIsRefusedAtStart() {
        Cli.Outcome o = Cli.run("serve", "--root", root.toString(), "--bind", "0.0.0.0");
        assertEquals(ExitCode.USAGE.code(), o.code(), o.all());
        assertTrue(o.err().contains("--bind 0.0.0.0 is not a loopback address, and without --auth header:NAME"), o.err());
        Cli.Outcome auth = Cli.run("serve", "--root", root.toString(), "--auth", "cookie:x");
        assertEquals(ExitCode.USAGE.code(), auth.code(), auth.all());
        assertTrue(auth.err().contains("--auth 'cookie:x' is not header:NAME"), auth.err());
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Cli.Outcome busy = Cli.run("serve", "--root", root.toString(), "--port", Integer.toString(taken.getLocalPort()));
            assertEquals(ExitCode.USAGE.code(), busy.code(), busy.all());
            assertTrue(busy.err().contains("cannot listen on 127.0.0.1 port " + taken.getLocalPort()), busy.err());
            assertTrue(busy.err().contains("choose another with --port"), busy.err());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Cli.Outcome missing = Cli.run("serve", "--root", dir.resolve("nowhere").toString());
        assertEquals(ExitCode.USAGE.code(), missing.code(), missing.all());
        assertTrue(missing.err().contains("is not a folder"), missing.err());
    }

    @Test
    void onlyARunsReportAndThePacksPagesAreServedNeverTheFlagsEventsOrAnInput() throws Exception {
        String cookie = signIn();
        String runUrl = "/runs/runs/as_of=2026-10-31/";
        List<String> paths = new ArrayList<>(List.of(runUrl + "flags.csv", runUrl + "flags.json", runUrl + "manifest.json",
                runUrl + "quarantine.csv", runUrl + "subjects.csv", runUrl + "_SUCCESS", runUrl + "events/", runUrl));
        try (Stream<Path> parts = Files.list(run.resolve("events"))) {
            parts.filter(p -> p.toString().endsWith(".parquet")).findFirst()
                    .ifPresent(p -> paths.add(runUrl + "events/" + p.getFileName()));
        }
        for (String path : paths) {
            Http.Reply r = http.get(path, "Cookie", cookie);
            assertEquals(404, r.status(), path + " is the run's data, not its report: " + r.status());
        }
        assertEquals(200, http.get(runUrl + "report/index.html", "Cookie", cookie).status());

        Cli.Outcome input = Cli.run("serve", "--root", shared.resolve("in").toString());
        assertEquals(ExitCode.USAGE.code(), input.code(), input.all());
        assertTrue(input.err().contains("holds no completed run with a report"), input.err());
        Cli.Outcome nowhere = Cli.run("serve", "--root", root.toString(), "--acknowledgements",
                dir.resolve("no/such/acks.csv").toString());
        assertEquals(ExitCode.USAGE.code(), nowhere.code(), nowhere.all());
        assertTrue(nowhere.err().contains("its folder does not exist"), nowhere.err());
        assertFalse(Files.exists(dir.resolve("no")), "serve creates no folder");
        Cli.Outcome inside = Cli.run("serve", "--root", root.toString(), "--acknowledgements", run.resolve("acks.csv").toString());
        assertEquals(ExitCode.USAGE.code(), inside.code(), inside.all());
        assertTrue(inside.err().contains("lies inside the served folder"), inside.err());
        Cli.Outcome log = Cli.run("serve", "--root", root.toString(), "--access-log", dir.resolve("no/such/access.log").toString());
        assertEquals(ExitCode.USAGE.code(), log.code(), log.all());
        assertFalse(log.err().contains("\tat "), "no stack trace: " + log.err());
    }

    @Test
    void aSignInAlwaysOpensANewSessionAndSendsTheBrowserNowhereElse() {
        String token = server.url().substring(server.url().indexOf("?token=") + "?token=".length());
        // Another service on this host can set a cookie the browser also sends here: it must not become a session.
        String planted = Sessions.COOKIE + "=planted-by-another-port";
        Http.Reply r = http.get("/?token=" + token, "Cookie", planted);
        assertEquals(303, r.status(), r.toString());
        assertNotNull(r.sessionCookie());
        assertNotEquals(planted, r.sessionCookie());
        for (String path : List.of("//evil.example/", "/\\evil.example/")) {
            Http.Reply away = http.get(path + "?token=" + token);
            assertEquals(303, away.status(), path);
            assertEquals("/", away.header("location"), path + " must not redirect off this server");
        }
    }

    @Test
    void aRequestForAnotherHostOrWithTheUserHeaderTwiceIsRefused() throws Exception {
        String cookie = signIn();
        Http.Reply rebound = http.get("/", "Host", "attacker.example:" + server.port(), "Cookie", cookie);
        assertEquals(421, rebound.status(), "a name that only resolves here is not this server's address");
        assertEquals(200, http.get("/", "Host", "localhost:" + server.port(), "Cookie", cookie).status());

        server.close();
        server = new ReviewServer(new ServeSettings(root, null, InetAddress.getLoopbackAddress(), 0, "X-Forwarded-User",
                acks.toString(), ServeSettings.MAX_BODY_BYTES, new PrintWriter(accessLog), () -> TODAY));
        server.start();
        http = new Http(server.port());
        assertEquals(200, http.get(childPage(), "X-Forwarded-User", "rev-11").status());
        Http.Reply twice = http.get(childPage(), "X-Forwarded-User", "rev-11", "X-Forwarded-User", "admin");
        assertEquals(403, twice.status());
        assertTrue(twice.body().contains("came more than once"), twice.body());
    }

    @Test
    void aNoteWithAControlCharacterIsRefusedAndANoteOverSeveralLinesKeepsTheFileReadable() throws Exception {
        String[] session = reviewer("rev-07");
        Http.Reply escape = acknowledge(session, "ab\u001bc");
        assertEquals(400, escape.status(), escape.body());
        assertTrue(escape.body().contains("control character (code 27)"), escape.body());
        assertFalse(Files.exists(acks), "nothing was written");
        Http.Reply unknown = http.post("/-/acknowledge", Http.form("run", "/runs/runs/as_of=2026-10-31/", "flag",
                "missed-appointments|F9|C9", "outcome", "no-action-needed", "note", "Seen"), "Cookie", session[0],
                "X-CSRF-Token", session[1]);
        assertEquals(400, unknown.status(), unknown.body());
        assertTrue(unknown.body().contains("not among the flags of this run"), unknown.body());
        assertFalse(unknown.body().contains(shared.toString()), "a browser is told no server path: " + unknown.body());
        assertEquals(200, acknowledge(session, "Discussed in supervision.\nWill revisit at core group.").status());
        Acknowledgements read = Acknowledgements.load(acks.toString(), org.chronolens.io.HadoopConf.of(java.util.Map.of()));
        assertEquals(1, read.entries().size());
        assertEquals("Discussed in supervision.\nWill revisit at core group.", read.entries().get(0).reason());
    }
}
