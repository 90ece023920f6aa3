package com.loyaltymemberships.admin;

import com.loyaltymemberships.dynamodb.BackfillReport;
import com.loyaltymemberships.dynamodb.KeyBackfill;
import com.loyaltymemberships.pipeline.Settings;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code backfill-keys}: moves the memberships an earlier release stored to the index keys of this one
 * ({@link KeyBackfill}), while the service runs. README, "Upgrading to sharded keys", says when and how.
 */
@Command(
        name = "backfill-keys",
        sortOptions = false,
        usageHelpWidth = AdminCli.HELP_WIDTH,
        descriptionHeading = "%n",
        optionListHeading = "%nOptions:%n",
        footerHeading = "%n",
        customSynopsis = {
            "java -jar loyalty-admin.jar backfill-keys [--segments N] [--rate N] [--max-items N] [--restart]",
            "         [--dry-run] [options]"
        },
        description = {
            "Moves memberships stored by an earlier release to the index keys of this one (the write shards of the"
                    + " chain, program and state indexes), while the service runs. Resumable: each scan segment keeps"
                    + " its place in the table, and a new run continues from there; idempotent: a run after a finished"
                    + " one moves nothing."
        },
        footer = {BackfillKeysCommand.EXIT_STATUS_LINE_1, BackfillKeysCommand.EXIT_STATUS_LINE_2})
final class BackfillKeysCommand implements Callable<Integer> {

    static final String EXIT_STATUS_LINE_1 =
            "Exit status: 0 done, or stopped at --max-items; 1 DynamoDB failed (unreachable, no such table,";
    static final String EXIT_STATUS_LINE_2 =
            "no access); 2 bad arguments, or an unfinished backfill with other --segments.";

    static final int DEFAULT_SEGMENTS = 4;
    static final int DEFAULT_RATE = 100;
    /** How often a progress line is printed. */
    private static final long PROGRESS_NANOS = TimeUnit.SECONDS.toNanos(10);

    private static final Pattern WHOLE_NUMBER = Pattern.compile("[0-9]{1,9}");

    @ParentCommand
    private AdminCli cli;

    @Option(
            names = "--segments",
            paramLabel = "N",
            description = {
                "Scan segments read in parallel, 1 to " + KeyBackfill.Options.MAX_SEGMENTS + " (default "
                        + DEFAULT_SEGMENTS + "); an",
                "unfinished backfill resumes with the number it started with."
            })
    private String segments;

    @Option(
            names = "--rate",
            paramLabel = "N",
            description = {
                "At most N memberships moved a second, all segments together (default " + DEFAULT_RATE + ").",
                "Each takes 14 to 16 write units (README, \"Upgrading to sharded keys\")."
            })
    private String rate;

    @Option(
            names = "--max-items",
            paramLabel = "N",
            description = "Stop after scanning N memberships; the next run continues from there.")
    private String maxItems;

    @Option(names = "--restart", description = "Forget where an unfinished backfill stopped, and scan from the start.")
    private boolean restart;

    @Option(
            names = "--dry-run",
            description = "Only count what would move: write nothing, and start from the beginning.")
    private boolean dryRun;

    @Mixin
    private TableOptions tableOptions;

    @Mixin
    private HelpOptions helpOptions;

    /** Never filled: picocli hands every argument that no option takes to {@link AdminCli.Stray}, which refuses it. */
    @Parameters(hidden = true, parameterConsumer = AdminCli.Stray.class)
    private List<String> strays;

    @Override
    public Integer call() {
        Settings settings = tableOptions.settings(cli.inputs().env());
        KeyBackfill.Options options = options();
        PrintStream out = cli.out();
        return DynamoDbRun.run(
                settings, cli.err(), "check --table and --region (the stack's TableName output).", dynamoDb -> {
                    KeyBackfill backfill = new KeyBackfill(dynamoDb, settings.tableName());
                    Optional<Integer> unfinished =
                            options.restart() || options.dryRun() ? Optional.empty() : backfill.unfinished();
                    if (unfinished.isPresent() && unfinished.get() != options.segments()) {
                        throw new UsageException("An unfinished backfill of " + settings.tableName() + " has "
                                + unfinished.get() + " segments: resume it with --segments " + unfinished.get()
                                + ", or give --restart to start over.");
                    }
                    out.println("Backfill of the index keys of table " + settings.tableName() + ": "
                            + options.segments() + " segments, at most " + options.movesPerSecond()
                            + " memberships moved a second"
                            + (options.dryRun() ? "; dry run, nothing is written." : "."));
                    if (unfinished.isPresent()) {
                        out.println("Resuming where the unfinished backfill stopped.");
                    }
                    BackfillReport report = run(backfill, options, out);
                    print(report, options, out);
                    return AdminCli.OK;
                });
    }

    /** The options given, each checked, before DynamoDB is called. */
    private KeyBackfill.Options options() {
        int segments = wholeNumber("--segments", this.segments, DEFAULT_SEGMENTS);
        if (segments < 1 || segments > KeyBackfill.Options.MAX_SEGMENTS) {
            throw new UsageException(
                    "--segments is 1 to " + KeyBackfill.Options.MAX_SEGMENTS + ", not " + segments + ".");
        }
        int rate = wholeNumber("--rate", this.rate, DEFAULT_RATE);
        long maxItems = wholeNumber("--max-items", this.maxItems, Integer.MAX_VALUE);
        if (rate < 1 || maxItems < 1) {
            throw new UsageException((rate < 1 ? "--rate" : "--max-items") + " is at least 1.");
        }
        return new KeyBackfill.Options(
                segments, rate, this.maxItems == null ? Long.MAX_VALUE : maxItems, restart, dryRun);
    }

    private static int wholeNumber(String option, String value, int otherwise) {
        if (value == null) {
            return otherwise;
        }
        if (!WHOLE_NUMBER.matcher(value).matches()) {
            throw new UsageException(option + " takes a whole number, not '" + value + "'.");
        }
        return Integer.parseInt(value);
    }

    /** The run, with a progress line at most every 10 seconds. */
    private static BackfillReport run(KeyBackfill backfill, KeyBackfill.Options options, PrintStream out) {
        long[] lastLine = {System.nanoTime()};
        try {
            return backfill.run(options, report -> {
                synchronized (lastLine) {
                    if (System.nanoTime() - lastLine[0] >= PROGRESS_NANOS) {
                        lastLine[0] = System.nanoTime();
                        out.println("Progress: scanned " + report.scanned() + ", moved " + report.moved()
                                + ", already right " + report.alreadyRight() + ", skipped " + report.skipped());
                    }
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted; the next run continues from the checkpoints");
        }
    }

    private static void print(BackfillReport report, KeyBackfill.Options options, PrintStream out) {
        out.println("Scanned: " + report.scanned());
        out.println((options.dryRun() ? "To move: " : "Moved: ") + report.moved());
        out.println("Already right: " + report.alreadyRight());
        out.println("Skipped (changed meanwhile): " + report.skipped());
        if (!report.finished()) {
            out.println("Stopped at --max-items. Run the same command again (without --restart) to continue.");
        } else if (options.dryRun()) {
            out.println(report.moved() == 0 ? "Nothing to move." : "Run without --dry-run to move them.");
        } else if (report.skipped() > 0) {
            out.println("Skipped memberships were written meanwhile (then with the new keys) or held by a large"
                    + " write: run again to check them.");
        } else {
            out.println("Done: every membership has the keys of this release.");
        }
    }
}
