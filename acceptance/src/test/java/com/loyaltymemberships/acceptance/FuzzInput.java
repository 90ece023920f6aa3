package com.loyaltymemberships.acceptance;

import static com.loyaltymemberships.local.DemoTokens.CHAIN_A_ACCESS_TOKEN;
import static com.loyaltymemberships.local.DemoTokens.CHAIN_C_ACCESS_TOKEN;
import static com.loyaltymemberships.local.DemoTokens.CLIENT_TOKEN;
import static com.loyaltymemberships.local.DemoTokens.PORTFOLIO_ACCESS_TOKEN;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.loyaltymemberships.operations.Operations;
import com.loyaltymemberships.pipeline.Operation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request made from the fuzzer's bytes. The first five bytes steer, the rest is the body:
 * <pre>
 * byte 0  route    operation (value % the number of operations, in the order of Operations.ALL: getAll, add,
 *                  update, delete), POSTed to its path; value / 4 == 63 sends GET instead, 62 adds a trailing slash
 *                  (both 404)
 * byte 1  headers  Content-Type (value % 8, see CONTENT_TYPES; null sends none); value & 8 adds Prefer: return=minimal
 * byte 2  tokens   value % 4: the body's own, or the demo client token with the portfolio, chain A or chain C access
 *                  token written into the body
 * byte 3  edit     below 128 none, else one structural edit, (value - 128) % EDITS: put a {@link HostileValue} in
 *                  the slot, lower-case its property name, add a duplicate of it in lower case, remove it, or repeat
 *                  it (an array item)
 * byte 4  where    the slot of the body that the edit applies to (value % number of slots, see {@link JsonSlot#all})
 * </pre>
 * Missing bytes count as 0, so the documented examples with five zero bytes in front are the requests as documented.
 * Changing this mapping (or adding a {@link HostileValue}) changes what the committed corpus entries mean: they stay
 * valid inputs, but may no longer be the ones that reached new code, so regrow the corpus then (docs/LOAD-AND-FUZZ.md, "Fuzzed and hostile input").
 * Tokens and edits apply to a body that parses as a JSON object, which is then written anew; with bytes 2 and 3 zero
 * the body goes as the fuzzer made it, duplicate names, broken UTF-8 and all. Writing the demo tokens in lets most
 * inputs past authentication to validation and the store, where the bugs are.
 */
record FuzzInput(String method, String path, Map<String, String> headers, byte[] body) {

    static final int CONTROL_BYTES = 5;

    private static final String[] CONTENT_TYPES = {
        "application/json",
        "application/json; charset=utf-8",
        null,
        "Application/JSON;Charset=\"UTF-8\"",
        "text/plain",
        "application/json; charset=iso-8859-1",
        "application/json;",
        "application/json\u0000"
    };
    private static final List<String> ACCESS_TOKENS =
            Arrays.asList(null, PORTFOLIO_ACCESS_TOKEN, CHAIN_A_ACCESS_TOKEN, CHAIN_C_ACCESS_TOKEN);
    private static final HostileValue[] VALUES = HostileValue.values();
    private static final int EDITS = VALUES.length + 4;

    static FuzzInput of(byte[] data) {
        return of(data, Operations.ALL);
    }

    /** The request {@code data} makes on an API of {@code operations}. */
    static FuzzInput of(byte[] data, List<Operation<?, ?>> operations) {
        int route = control(data, 0);
        int headerBits = control(data, 1);
        Operation<?, ?> operation = operations.get(route % operations.size());
        String method = route / 4 == 63 ? "GET" : "POST";
        String path = route / 4 == 62 ? operation.path() + "/" : operation.path();

        Map<String, String> headers = new HashMap<>();
        String contentType = CONTENT_TYPES[headerBits % CONTENT_TYPES.length];
        if (contentType != null) {
            headers.put("content-type", contentType);
        }
        if ((headerBits & 8) != 0) {
            headers.put("prefer", "return=minimal");
        }
        byte[] body = Arrays.copyOfRange(data, Math.min(CONTROL_BYTES, data.length), data.length);
        return new FuzzInput(
                method, path, headers, rewrite(body, control(data, 2), control(data, 3), control(data, 4)));
    }

    /** The example as documented: POSTed to its operation as application/json, its own tokens, nothing edited. */
    static byte[] seed(ExampleRequest example) {
        byte[] body = example.bytes();
        byte[] seed = new byte[CONTROL_BYTES + body.length];
        seed[0] = (byte) Operations.ALL.indexOf(example.operation());
        System.arraycopy(body, 0, seed, CONTROL_BYTES, body.length);
        return seed;
    }

    private static int control(byte[] data, int index) {
        return index < data.length ? data[index] & 0xFF : 0;
    }

    private static byte[] rewrite(byte[] body, int tokens, int edit, int where) {
        String accessToken = ACCESS_TOKENS.get(tokens % ACCESS_TOKENS.size());
        if (accessToken == null && edit < 128) {
            return body;
        }
        JsonNode tree;
        try {
            tree = TestApi.JSON.readTree(body);
        } catch (IOException notJson) {
            return body;
        }
        if (!(tree instanceof ObjectNode object)) {
            return body;
        }
        if (accessToken != null) {
            // Any spelling of the names goes first, or the service would read the fuzzer's tokens, not these.
            object.properties()
                    .removeIf(p -> p.getKey().equalsIgnoreCase("ClientToken")
                            || p.getKey().equalsIgnoreCase("AccessToken"));
            object.put("ClientToken", CLIENT_TOKEN).put("AccessToken", accessToken);
        }
        if (edit >= 128) {
            List<JsonSlot> slots = JsonSlot.all(object);
            if (!slots.isEmpty()) {
                edit(slots.get(where % slots.size()), (edit - 128) % EDITS);
            }
        }
        return object.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void edit(JsonSlot slot, int edit) {
        if (edit < VALUES.length) {
            slot.setRaw(VALUES[edit].json);
        } else if (edit == VALUES.length) {
            slot.rename(slot.name().toLowerCase(Locale.ROOT));
        } else if (edit == VALUES.length + 1) {
            slot.duplicateInOtherCase();
        } else if (edit == VALUES.length + 2) {
            slot.remove();
        } else {
            slot.repeatItem();
        }
    }
}
