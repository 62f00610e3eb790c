package com.xiaoneng.demo.importer;

import com.xiaoneng.calendar.WorkingDayCalendar;
import com.xiaoneng.demo.simulator.Config;
import com.xiaoneng.demo.simulator.Planner;
import com.xiaoneng.demo.simulator.Profile;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/** {@code import.sh generate} writes a history file; {@code import.sh run} sends one to the command side. */
public final class ImportCli {

    static final String HELP = """
            Usage: import.sh generate --cases N --from YYYY-MM-DD --to YYYY-MM-DD --out FILE [options]
                   import.sh run [--url URL] [--user NAME] [--password PASS] FILE

            generate   a past period's case history as an import file (NDJSON, one case command per line, in
                       business-time order), planned by the case simulator: same seed, same bytes.
                       --cases N         cases submitted in the period (10000); about 5 lines each
                       --seed N          (20251)
                       --until TIME      steps after this ISO time are left out (default: the end of --to,
                                         Beijing time; cases still open then stay open)
                       --catalog FILE    the items to use: the sample CSV the command side seeds (default
                                         command-side/src/main/resources/catalog/sample-catalog.csv) or a JSON
                                         list saved from GET /api/catalog/items
                       --out FILE        - for standard output
            run        streams FILE to POST /api/import as one chunked request (the file is never loaded into
                       memory), a progress bar on stderr, then a summary: counts, the first rejected lines, time
                       and commands per second. Re-running a file stores nothing new.
                       --url URL         the command side (COMMAND_URL, default http://127.0.0.1:8080)
                       --user, --password  HTTP Basic, role AGENCY or ADMIN (IMPORT_USER / IMPORT_PASSWORD,
                                         default admin / admin-pass)
                       --show N          rejected lines to print (10)

            exit status 0 when the file was generated or the import answered (rejected lines are in the summary);
            1 when the command side did not answer or answered with an error; 2 for bad arguments.
            """;

    private ImportCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err, System.console() != null));
    }

    /** The whole command line; the exit status. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err, boolean terminal) {
        if (args.length == 0 || List.of(args).contains("--help") || List.of(args).contains("-h")) {
            out.print(HELP);
            return args.length == 0 ? 2 : 0;
        }
        try {
            return switch (args[0]) {
                case "generate" -> generate(Options.parse(args, env), out, err);
                case "run" -> importFile(Options.parse(args, env), out, err, terminal);
                default -> throw new IllegalArgumentException("the first argument is generate or run, not " + args[0]);
            };
        } catch (IllegalArgumentException e) {
            err.println("import: " + e.getMessage() + " (--help for usage)");
            return 2;
        } catch (IOException e) {
            err.println("import: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("import: interrupted");
            return 1;
        }
    }

    private static int generate(Options options, PrintStream out, PrintStream err) throws IOException {
        if (options.from == null || options.to == null || options.out == null) {
            throw new IllegalArgumentException("generate needs --from, --to and --out");
        }
        if (options.to.isBefore(options.from)) {
            throw new IllegalArgumentException("--to " + options.to + " is before --from " + options.from);
        }
        Planner planner = new Planner(CatalogFile.read(options.catalog), Profile.DEFAULT, WorkingDayCalendar.shipped());
        Instant until = options.until != null ? options.until : HistoryGenerator.endOf(options.to);
        HistoryGenerator generator = new HistoryGenerator(planner, options.seed, options.from, options.to, options.cases, until);
        long started = System.nanoTime();
        HistoryGenerator.Summary summary;
        boolean stdout = options.out.toString().equals("-");
        if (stdout) {
            // flushed, not closed: standard output belongs to the caller
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            summary = generator.write(writer);
            writer.flush();
        } else {
            try (Writer writer = Files.newBufferedWriter(options.out, StandardCharsets.UTF_8)) {
                summary = generator.write(writer);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        err.printf("generated %,d cases, %,d lines (%s) in %.1f s%s%n", summary.cases(), summary.lines(),
                summary.commands(), seconds, stdout ? "" : " → " + options.out);
        return 0;
    }

    private static int importFile(Options options, PrintStream out, PrintStream err, boolean terminal)
            throws IOException, InterruptedException {
        if (options.file == null) {
            throw new IllegalArgumentException("run needs the file to import");
        }
        if (!Files.isRegularFile(options.file)) {
            throw new IllegalArgumentException("no file " + options.file);
        }
        err.printf("importing %s (%.1f MB) into %s as %s%n", options.file, Files.size(options.file) / 1e6,
                options.url, options.user);
        Importer importer = new Importer(options.url, options.user, options.password, err, terminal);
        ImportResult result = importer.run(options.file);
        out.print(summary(result, options.show));
        return 0;
    }

    /** Counts, the first {@code show} rejected lines, time and rate. */
    static String summary(ImportResult result, int show) {
        StringBuilder text = new StringBuilder();
        text.append("lines %,d: applied %,d, duplicates %,d, rejected %,d; automatic steps scheduled after them %,d%n"
                .formatted(result.lines(), result.applied(), result.duplicates(), result.rejected(), result.automaticSteps()));
        List<ImportResult.Rejection> rejections = result.rejections();
        for (ImportResult.Rejection r : rejections.subList(0, Math.min(show, rejections.size()))) {
            text.append("  line %d  %s  %s: %s%n".formatted(r.line(), r.caseId(),
                    r.rule() != null ? r.rule() : r.field(), r.message()));
        }
        if (rejections.size() > show) {
            text.append("  … %,d more rejected lines%n".formatted(rejections.size() - show));
        }
        text.append("time %s, %,.0f commands/s%n".formatted(TransferProgress.clock(result.elapsed().toSeconds()),
                result.linesPerSecond()));
        return text.toString();
    }

    /** Options of both subcommands; each checks that it has what it needs. */
    static final class Options {
        long cases = 10_000;
        long seed = Config.DEFAULT_SEED;
        LocalDate from;
        LocalDate to;
        Instant until;
        Path catalog = CatalogFile.SAMPLE;
        Path out;
        URI url;
        String user;
        String password;
        int show = 10;
        Path file;

        static Options parse(String[] args, Map<String, String> env) {
            Options o = new Options();
            o.url = URI.create(env.getOrDefault("COMMAND_URL", "http://127.0.0.1:8080"));
            o.user = env.getOrDefault("IMPORT_USER", "admin");
            o.password = env.getOrDefault("IMPORT_PASSWORD", "admin-pass");
            for (int i = 1; i < args.length; i++) {
                String option = args[i];
                if (!option.startsWith("--")) {
                    if (o.file != null) {
                        throw new IllegalArgumentException("one file at a time, not " + o.file + " and " + option);
                    }
                    o.file = Path.of(option);
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(option + " needs a value");
                }
                String value = args[++i];
                try {
                    switch (option) {
                        case "--cases" -> o.cases = positive(option, Long.parseLong(value));
                        case "--seed" -> o.seed = Long.parseLong(value);
                        case "--from" -> o.from = LocalDate.parse(value);
                        case "--to" -> o.to = LocalDate.parse(value);
                        case "--until" -> o.until = OffsetDateTime.parse(value).toInstant();
                        case "--catalog" -> o.catalog = Path.of(value);
                        case "--out" -> o.out = Path.of(value);
                        case "--url" -> o.url = URI.create(value);
                        case "--user" -> o.user = value;
                        case "--password" -> o.password = value;
                        case "--show" -> o.show = (int) positive(option, Long.parseLong(value));
                        default -> throw new IllegalArgumentException("unknown option " + option);
                    }
                } catch (NumberFormatException | DateTimeParseException e) {
                    throw new IllegalArgumentException("bad value for " + option + ": " + value);
                }
            }
            return o;
        }

        private static long positive(String option, long value) {
            if (value <= 0) {
                throw new IllegalArgumentException(option + " must be > 0");
            }
            return value;
        }
    }
}
