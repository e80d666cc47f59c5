import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs the benchmark's reference (scan.sql beside this file) in an embedded DuckDB, through JDBC:
 * {@code SqlReference SQL_FILE INPUT_FOLDER AS_OF OUT_FOLDER}. jobs/benchmark compiles it and puts
 * the DuckDB driver on the classpath; it is not part of the application.
 */
public final class SqlReference {

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: SqlReference SQL_FILE INPUT_FOLDER AS_OF OUT_FOLDER");
            System.exit(2);
        }
        String script = Files.readString(Path.of(args[0]))
                .replace("${input}", args[1]).replace("${as_of}", args[2]).replace("${out}", args[3]);
        Files.createDirectories(Path.of(args[3]));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            for (String statement : statements(script)) {
                long t = System.nanoTime();
                try {
                    s.execute(statement);
                } catch (SQLException e) {
                    System.err.println("reference: " + e.getMessage() + "\nin: " + statement);
                    System.exit(1);
                }
                System.err.printf(java.util.Locale.ROOT, "[reference] %-40.40s %6.2f s%n",
                        statement.replaceAll("\\s+", " "), (System.nanoTime() - t) / 1e9);
            }
        }
    }

    /** The script's statements: comments dropped, split at the semicolons that end lines. */
    private static java.util.List<String> statements(String script) {
        StringBuilder code = new StringBuilder();
        for (String line : script.split("\n")) {
            if (!line.strip().startsWith("--")) {
                code.append(line).append('\n');
            }
        }
        return java.util.Arrays.stream(code.toString().split(";\\s*\n")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
    }
}
