package com.loyaltymemberships.local.invoke;

import com.loyaltymemberships.devkit.DynamoDbEngine;
import com.loyaltymemberships.devkit.EngineUnavailableException;
import com.loyaltymemberships.devkit.lambda.FunctionJvm;
import com.loyaltymemberships.devkit.lambda.LambdaFunction;
import com.loyaltymemberships.devkit.lambda.Outcome;
import com.loyaltymemberships.local.DemoMemberships;
import com.loyaltymemberships.local.LocalTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.ResourceAlreadyExistsException;

/**
 * {@code java -jar loyalty-local.jar invoke <FunctionLogicalId> <event-file>}: what {@code sam local invoke
 * <FunctionLogicalId> -e <event-file>} does, without Docker. The function's deployment jar runs in its own JVM under
 * the Lambda runtime interface client ({@link FunctionJvm}) with the handler and environment the template gives it,
 * on the local engine ({@code DYNAMODB_ENDPOINT} if set, else one started as the local server starts it) with the
 * demo tokens and the two memberships the update and delete examples name. The template's {@code !Ref Table} is
 * the local table, {@code TABLE_NAME} (default LoyaltyMemberships).
 *
 * <p>Its answer, the function's response JSON, is the only thing on stdout; everything else (the engine, the
 * function's logs) goes to stderr. Exit status 0: the function answered; 1: it failed (an error reported by the
 * runtime, a crash, or no answer in time); 2: bad arguments, or nothing to run yet.
 */
public final class InvokeCommand {

    private static final int ANSWERED = 0;
    private static final int FAILED = 1;
    private static final int CANNOT_INVOKE = 2;

    private static final String USAGE =
            "Usage: java -jar local/target/loyalty-local.jar invoke <FunctionLogicalId> <event-file>"
                    + " [--template <template.yaml>]   (the same arguments as sam local invoke <FunctionLogicalId> -e <event-file>)";
    /** The template's logical id of the table, which is the local table here. */
    private static final String TABLE = "Table";
    /** The template's logical id of the change events' bus, which is a bus of that name on the local engine here. */
    private static final String EVENT_BUS = "EventBus";

    private static final String LOCAL_EVENT_BUS = "loyalty-memberships-local";

    private InvokeCommand() {}

    /** The arguments after {@code invoke}: function, event file, and optionally {@code --template} (or -t); {@code -e} may precede the event. */
    private record Arguments(String function, Path event, Path template) {

        static Arguments parse(List<String> args) throws CannotInvokeException {
            Path template = Path.of("template.yaml");
            List<String> positional = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if ((arg.equals("--template") || arg.equals("-t")) && i + 1 < args.size()) {
                    template = Path.of(args.get(++i));
                } else if (!arg.equals("-e") && !arg.equals("--event")) {
                    positional.add(arg);
                }
            }
            if (positional.size() != 2) {
                throw new CannotInvokeException(USAGE + choices(template));
            }
            return new Arguments(positional.get(0), Path.of(positional.get(1)), template);
        }
    }

    /** Runs one invocation and returns the exit status. */
    public static int run(List<String> args) {
        try {
            Arguments arguments = Arguments.parse(args);
            SamTemplate template = readTemplate(arguments.template());
            String table = LocalTable.name();
            LambdaFunction function = template.function(
                            arguments.function(), Map.of(TABLE, table, EVENT_BUS, LOCAL_EVENT_BUS))
                    .orElseThrow(() -> new CannotInvokeException("No function " + arguments.function() + " in "
                            + arguments.template() + ".\n" + USAGE + choices(template, arguments.template())));
            String event = readEvent(arguments.event(), template, arguments.template());
            if (!Files.isRegularFile(function.jar())) {
                throw new CannotInvokeException("The deployment jar of " + function.name() + ", " + function.jar()
                        + ", is not built yet: mvn -B -q package -DskipTests");
            }
            return invoke(function, event, table);
        } catch (CannotInvokeException | EngineUnavailableException | UnsupportedOperationException e) {
            System.err.println(e.getMessage());
            return CANNOT_INVOKE;
        } catch (IOException e) {
            System.err.println("invoke failed: " + e);
            return FAILED;
        }
    }

    private static SamTemplate readTemplate(Path file) throws CannotInvokeException {
        try {
            return SamTemplate.read(file);
        } catch (IOException e) {
            throw new CannotInvokeException("Cannot read the template " + file.toAbsolutePath() + " (" + e.getMessage()
                    + "): run invoke in the project's root, or name the template with --template.\n" + USAGE);
        }
    }

    private static String readEvent(Path file, SamTemplate template, Path templateFile) throws CannotInvokeException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CannotInvokeException(
                    "Cannot read the event file " + file + " (" + e + ").\n" + USAGE + choices(template, templateFile));
        }
    }

    /** {@link #choices(SamTemplate, Path)} for a usage error, raised before the template is read; nothing if it cannot be. */
    private static String choices(Path templateFile) {
        try {
            return choices(SamTemplate.read(templateFile), templateFile);
        } catch (IOException e) {
            return "";
        }
    }

    /** For a message about bad arguments, what there is to invoke: the template's functions and the sample events beside it. */
    private static String choices(SamTemplate template, Path templateFile) {
        Path events = template.directory().resolve("events");
        return "\nFunctions in " + templateFile + ": " + String.join(", ", template.functionNames()) + ".\nEvents in "
                + events + ": " + eventNames(events) + ".";
    }

    private static String eventNames(Path events) {
        try (Stream<Path> files = Files.list(events)) {
            return files.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".json"))
                    .sorted()
                    .collect(Collectors.joining(", "));
        } catch (IOException e) {
            return "none (" + e + ")";
        }
    }

    private static int invoke(LambdaFunction function, String event, String table) throws IOException {
        try (DynamoDbEngine engine = DynamoDbEngine.start();
                // Started before the table is prepared, so that the function initialises meanwhile.
                FunctionJvm jvm = FunctionJvm.start(onEngine(function, engine), System.err);
                DynamoDbClient dynamoDb = engine.newClient()) {
            LocalTable.prepare(dynamoDb, table);
            DemoMemberships.seed(dynamoDb, table);
            System.err.println("DynamoDB: " + engine.description() + ", table " + table);
            if (function.environment().containsKey("EVENT_BUS_NAME")) {
                createEventBus(engine);
            }
            return report(function.name(), jvm.invoke(event));
        }
    }

    /** The change events' consumer puts its events on the engine's EventBridge (moto and LocalStack have one). */
    private static void createEventBus(DynamoDbEngine engine) {
        try (EventBridgeClient events =
                engine.engineClient(EventBridgeClient.builder()).build()) {
            events.createEventBus(r -> r.name(LOCAL_EVENT_BUS));
        } catch (ResourceAlreadyExistsException alreadyThere) {
            // An engine of DYNAMODB_ENDPOINT that an earlier invoke used.
        }
        System.err.println("Events bus: " + LOCAL_EVENT_BUS + " on the same engine");
    }

    private static LambdaFunction onEngine(LambdaFunction function, DynamoDbEngine engine) {
        Map<String, String> environment = new HashMap<>(function.environment());
        environment.put(DynamoDbEngine.ENDPOINT_SETTING, engine.endpoint().toString());
        environment.put("EVENTS_ENDPOINT", engine.endpoint().toString());
        return new LambdaFunction(
                function.name(),
                function.jar(),
                function.handler(),
                function.memoryMb(),
                function.timeout(),
                environment);
    }

    /** Prints the answer on stdout as {@code sam local invoke} does, the error JSON too, and says how it went. */
    private static int report(String function, Outcome outcome) {
        if (outcome instanceof Outcome.Response response) {
            print(response.payload());
            return ANSWERED;
        }
        if (outcome instanceof Outcome.Failure failure) {
            print(failure.payload());
            System.err.println(function + " failed: " + failure.errorType());
        } else if (outcome instanceof Outcome.NoAnswer none) {
            System.err.println(function + " did not answer: " + none.reason());
        }
        return FAILED;
    }

    /** The bytes as the function sent them, whatever the platform's default charset. */
    private static void print(String json) {
        System.out.writeBytes(json.getBytes(StandardCharsets.UTF_8));
        System.out.println();
        System.out.flush();
    }
}
