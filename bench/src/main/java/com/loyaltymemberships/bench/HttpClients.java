package com.loyaltymemberships.bench;

import com.loyaltymemberships.cost.CostScenarios;
import com.loyaltymemberships.devkit.DynamoDbEngine;
import com.loyaltymemberships.devkit.results.Markdown;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.crt.AwsCrtHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * url-connection-client vs apache5-client vs aws-crt-client: the cold start of the bare getAll handler on each (the same
 * class path for all three: the function's jar and both other clients' jars), and the warm latency per call in this
 * JVM (a strongly consistent GetItem of a small item, and a Query returning 100 memberships), each a ratio to
 * url-connection in the same run, alternating.
 */
final class HttpClients {

    private final DynamoDbEngine engine;
    private final Path root;
    private final Path work;
    private final Map<String, String> env;

    HttpClients(DynamoDbEngine engine, Path root, Path work, Map<String, String> env) {
        this.engine = engine;
        this.root = root;
        this.work = work;
        this.env = env;
    }

    void run(Markdown report, int coldRuns) throws IOException {
        report.heading("HTTP client: url-connection vs apache5 vs aws-crt");
        List<Path> classPath = new ArrayList<>();
        classPath.add(root.resolve("functions/get-all/target/get-all.jar"));
        for (String client : List.of("apache5", "crt")) {
            try (Stream<Path> jars = Files.list(root.resolve("bench/target/http-clients/" + client))) {
                jars.sorted().forEach(classPath::add);
            }
        }
        ColdStarts cold = new ColdStarts(work, env);
        Path jar = cold.baselineJar("baseline-http-clients.jar", classPath);
        String event = Files.readString(root.resolve("events/getAll.json"), StandardCharsets.UTF_8);
        String base = "com.loyaltymemberships.bench.baseline.";
        Map<String, List<Double>> times = cold.alternate(
                List.of(
                        new ColdStarts.Variant("url-connection", jar, base + "BareGetAll::handleRequest"),
                        new ColdStarts.Variant("apache5", jar, base + "BareGetAllApache5::handleRequest"),
                        new ColdStarts.Variant("aws-crt", jar, base + "BareGetAllCrt::handleRequest")),
                event,
                coldRuns,
                Map.of());

        String table = CostScenarios.create(engine, 150).tableName();
        Map<String, Double[]> warm = warm(table);

        double coldUrl = Stats.median(times.get("url-connection"));
        List<List<String>> rows = new ArrayList<>();
        for (String client : List.of("url-connection", "apache5", "aws-crt")) {
            double c = Stats.median(times.get(client));
            Double[] w = warm.get(client);
            Double[] u = warm.get("url-connection");
            rows.add(List.of(
                    client,
                    Stats.ratio(c / coldUrl) + " [" + Stats.ms(c) + "]",
                    Stats.ratio(w[0] / u[0]) + " [" + Stats.ms(w[0]) + "]",
                    Stats.ratio(w[1] / u[1]) + " [" + Stats.ms(w[1]) + "]"));
        }
        report.table(
                List.of(
                        "client",
                        "cold start of the bare getAll handler (" + coldRuns + " runs each, median)",
                        "warm GetItem, per call",
                        "warm Query of 100 items, per call"),
                rows);
    }

    /** Median per-call milliseconds of each client: [GetItem, Query], from alternating blocks. */
    private Map<String, Double[]> warm(String table) {
        Map<String, DynamoDbClient> clients = new java.util.LinkedHashMap<>();
        clients.put("url-connection", client(UrlConnectionHttpClient.create()));
        clients.put("apache5", client(Apache5HttpClient.create()));
        clients.put("aws-crt", client(AwsCrtHttpClient.create()));
        Map<String, AttributeValue> tokenKey = Map.of(
                "PK",
                AttributeValue.fromS("CLIENT_TOKEN#"
                        + com.loyaltymemberships.access.TokenHash.of(
                                com.loyaltymemberships.local.DemoTokens.CLIENT_TOKEN)),
                "SK",
                AttributeValue.fromS("TOKEN"));
        Consumer<DynamoDbClient> getItem =
                c -> c.getItem(b -> b.tableName(table).key(tokenKey).consistentRead(true));
        Consumer<DynamoDbClient> query = c -> c.query(q -> q.tableName(table)
                .indexName(com.loyaltymemberships.dynamodb.TableDefinition.Index.BY_CHAIN.indexName())
                .keyConditionExpression("#k = :k")
                .expressionAttributeNames(Map.of("#k", "ListKey"))
                .expressionAttributeValues(Map.of(":k", AttributeValue.fromS(CostScenarios.CHAIN + "#A")))
                .scanIndexForward(false)
                .limit(100));
        Map<String, Double[]> result = new java.util.LinkedHashMap<>();
        try {
            for (int i = 0; i < 50; i++) {
                clients.values().forEach(getItem);
                if (i % 5 == 0) {
                    clients.values().forEach(query);
                }
            }
            Map<String, List<Double>> gets = new java.util.LinkedHashMap<>();
            Map<String, List<Double>> queries = new java.util.LinkedHashMap<>();
            List<String> names = new ArrayList<>(clients.keySet());
            for (int block = 0; block < 6; block++) {
                for (int k = 0; k < names.size(); k++) {
                    String name = names.get((k + block) % names.size());
                    DynamoDbClient c = clients.get(name);
                    gets.computeIfAbsent(name, n -> new ArrayList<>()).add(time(() -> getItem.accept(c), 40));
                    queries.computeIfAbsent(name, n -> new ArrayList<>()).add(time(() -> query.accept(c), 4));
                }
            }
            names.forEach(n -> result.put(n, new Double[] {Stats.median(gets.get(n)), Stats.median(queries.get(n))}));
        } finally {
            clients.values().forEach(DynamoDbClient::close);
        }
        return result;
    }

    private static double time(Runnable call, int n) {
        long started = System.nanoTime();
        for (int i = 0; i < n; i++) {
            call.run();
        }
        return (System.nanoTime() - started) / 1e6 / n;
    }

    private DynamoDbClient client(SdkHttpClient http) {
        return DynamoDbClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(engine.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(http)
                .build();
    }
}
