package org.chronolens.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;

import org.chronolens.io.HadoopConf;
import org.chronolens.io.Placement;
import org.chronolens.io.UsageException;
import org.chronolens.serve.ReviewServer;
import org.chronolens.serve.ServeSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Serves reports and audit packs to reviewers and auditors in their browsers, read-only but for
 * their acknowledgements and verdicts. Runs until stopped (Ctrl-C, or the service manager).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serves the reports of the runs under --root and the audit packs under --audit over HTTP, read-only: "
                + "reviewers acknowledge flags on a child's page, auditors record verdicts on a pack's page. By default it "
                + "listens on 127.0.0.1 only and prints an address with a sign-in token; behind a single sign-on proxy, "
                + "--auth header:NAME takes the signed-in user from that header (docs/review.md)."})
final class ServeCommand implements Callable<Integer> {

    /** Set by the proxy in front, never by a browser: what --auth header:NAME names. */
    private static final java.util.regex.Pattern HEADER = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");

    @Spec
    private CommandSpec spec;

    @Option(names = "--root", required = true, paramLabel = "DIR", description = "A job's output root (its runs are found "
            + "under it) or one run folder.")
    private Path root;

    @Option(names = "--audit", paramLabel = "DIR", description = "A folder of audit packs, or one pack.")
    private Path audit;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1", description = "The address to listen on "
            + "(default: ${DEFAULT-VALUE}). Any address but loopback needs --auth header:NAME.")
    private String bind;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8377", description = "The port (default: ${DEFAULT-VALUE}; "
            + "0 for any free port).")
    private int port;

    @Option(names = "--auth", paramLabel = "header:NAME", description = "Trust the signed-in user named in this request "
            + "header, as set by a single sign-on proxy in front (e.g. header:X-Forwarded-User). Without it: token mode.")
    private String auth;

    @Option(names = "--acknowledgements", paramLabel = "FILE", description = "The acknowledgements file reviewers' forms "
            + "append to (default: the file each run's scan read, as its manifest names it).")
    private String acknowledgements;

    @Option(names = "--access-log", paramLabel = "FILE", description = "Where the access log goes (appended to, owner-only; "
            + "default: standard output). It never holds a form's contents or the sign-in token.")
    private Path accessLog;

    @Override
    public Integer call() throws Exception {
        Console console = new Console(spec.commandLine().getOut(), spec.commandLine().getErr());
        String header = header(auth);
        InetAddress address = address(bind);
        if (!address.isLoopbackAddress() && header == null) {
            throw new UsageException("--bind " + bind + " is not a loopback address, and without --auth header:NAME anyone "
                    + "who can reach it would be trusted with a token sent over plain HTTP. Keep the default 127.0.0.1, or "
                    + "run behind the partnership's single sign-on proxy with --auth header:X-Forwarded-User "
                    + "(docs/review.md)");
        }
        if (port < 0 || port > 65535) {
            throw new UsageException("--port " + port + " is not a port; give 1-65535, or 0 for any free port");
        }
        folder("--root", root);
        if (audit != null) {
            folder("--audit", audit);
        }
        if (acknowledgements != null) {
            checkAcknowledgements(acknowledgements);
        }
        PrintWriter log = accessLog == null ? spec.commandLine().getOut() : openLog(accessLog);
        ServeSettings settings = new ServeSettings(root, audit, address, port, header, acknowledgements,
                ServeSettings.MAX_BODY_BYTES, log, LocalDate::now);
        try (ReviewServer server = new ReviewServer(settings)) {
            try {
                server.start();
            } catch (IOException e) {
                if (e instanceof BindException || e.getCause() instanceof BindException) {
                    throw new UsageException("cannot listen on " + bind + " port " + port + " (" + e.getMessage()
                            + "); choose another with --port, or 0 for any free port");
                }
                throw e;
            }
            console.say("Serving " + root + (audit == null ? "" : " and " + audit) + " (read-only; acknowledgements and "
                    + "verdicts only). Stop with Ctrl-C.");
            console.say(header == null ? "Open in your browser (the address carries your sign-in token; do not share it):"
                    : "Behind the single sign-on proxy, the user from the " + header + " header; listening on:");
            console.say("    " + server.url());
            server.join();
        }
        return ExitCode.OK.code();
    }

    private static String header(String auth) {
        if (auth == null) {
            return null;
        }
        if (!auth.startsWith("header:") || !HEADER.matcher(auth.substring("header:".length())).matches()) {
            throw new UsageException("--auth '" + auth + "' is not header:NAME; give the request header the single "
                    + "sign-on proxy sets with the signed-in user, e.g. --auth header:X-Forwarded-User");
        }
        return auth.substring("header:".length());
    }

    private static InetAddress address(String bind) {
        if (!bind.matches("[0-9A-Za-z.:-]{1,253}")) {
            throw new UsageException("--bind '" + bind + "' is not an address; give an IP address such as 127.0.0.1");
        }
        try {
            return InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new UsageException("--bind " + bind + " is not an address of this machine; give an IP address such as 127.0.0.1");
        }
    }

    private static void folder(String option, Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new UsageException(option + " " + dir + " is not a folder; give a job's output root, a run folder"
                    + (option.equals("--audit") ? " or a folder of audit packs" : ""));
        }
    }

    /**
     * Checked at start, not at the first form: a mistyped path would otherwise make a file the
     * scheduled scan never reads. Its folder must exist (serve creates no folders), an existing
     * file must be an acknowledgements file, and it may not lie under a served folder (where a
     * page could show it and a rerun with --overwrite remove it).
     */
    private void checkAcknowledgements(String file) {
        Placement.refuseFileInPath(HadoopConf.of(java.util.Map.of()), "--acknowledgements", file, false);
        Path p = Path.of(file).toAbsolutePath();
        if (p.getParent() == null || !Files.isDirectory(p.getParent())) {
            throw new UsageException("--acknowledgements " + file + ": its folder does not exist; give the file the "
                    + "scheduled scan reads (the job's acknowledgements: key), in an existing folder");
        }
        if (Files.exists(p)) {
            if (!Files.isRegularFile(p)) {
                throw new UsageException("--acknowledgements " + file + " is not a file; give the acknowledgements file");
            }
            org.chronolens.review.Acknowledgements.load(file, HadoopConf.of(java.util.Map.of()));
        }
        try {
            Path real = p.getParent().toRealPath();
            for (Path served : audit == null ? List.of(root) : List.of(root, audit)) {
                if (real.startsWith(served.toRealPath())) {
                    throw new UsageException("--acknowledgements " + file + " lies inside the served folder " + served
                            + "; keep it beside the runs (as a job does: <output_root>/acknowledgements.csv is outside "
                            + "its runs/ only when you serve runs/), not inside what serve shows");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PrintWriter openLog(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new UsageException("--access-log " + file + ": its folder does not exist; give a file in an existing folder");
        }
        if (Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new UsageException("--access-log " + file + " is not a plain file (a folder or a link); give a file");
        }
        if (!Files.exists(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        return new PrintWriter(new OutputStreamWriter(Files.newOutputStream(file, StandardOpenOption.APPEND),
                StandardCharsets.UTF_8), true);
    }
}
