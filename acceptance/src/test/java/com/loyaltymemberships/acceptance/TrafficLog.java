package com.loyaltymemberships.acceptance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every distinct request the suite sends through {@link TestApi}, one JSON line each in {@value #FILE} under
 * acceptance/target: {@code {"method", "path", "headers", "body64"}}. .ci/clients replays them through Prism's validation
 * proxy in front of the local server, so that a second, independent validator sees the suite's traffic too (README,
 * "Clients and the OpenAPI document").
 */
final class TrafficLog {

    static final String FILE = "traffic.jsonl";
    private static final Path PATH = Path.of(System.getProperty("project.root", ".."), "acceptance", "target", FILE);
    private static final Set<String> SEEN = new HashSet<>();
    private static OutputStream out;

    private TrafficLog() {}

    static synchronized void record(String method, String path, Map<String, String> headers, byte[] body) {
        ObjectNode line = TestApi.JSON.createObjectNode().put("method", method).put("path", path);
        line.set("headers", TestApi.JSON.valueToTree(new TreeMap<>(headers)));
        line.put("body64", Base64.getEncoder().encodeToString(body == null ? new byte[0] : body));
        byte[] json = (line + "\n").getBytes(StandardCharsets.UTF_8);
        if (!SEEN.add(sha256(json))) {
            return; // the same request again (a retry, a race's other thread): once is enough for a validator
        }
        try {
            if (out == null) {
                Files.createDirectories(PATH.getParent());
                // A new file per test JVM: the log is of this run only.
                out = Files.newOutputStream(PATH, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
            }
            out.write(json);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
