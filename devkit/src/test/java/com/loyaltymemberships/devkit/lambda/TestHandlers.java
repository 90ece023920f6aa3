package com.loyaltymemberships.devkit.lambda;

import java.util.Map;
import java.util.TreeMap;

/** Handlers that FunctionJvmTest deploys in a jar of their own, one for each way an invocation can end. */
public class TestHandlers {

    /** Answers with the variables a function sees that Lambda sets, and whether the test's HOME reached it. */
    public Map<String, String> environment(Map<String, Object> event) {
        Map<String, String> seen = new TreeMap<>(System.getenv());
        seen.keySet()
                .removeIf(name -> !name.startsWith("AWS_")
                        && !name.startsWith("LAMBDA_")
                        && !name.equals("_HANDLER")
                        && !name.equals("GREETING")
                        && !name.equals("HOME"));
        seen.put("event", String.valueOf(event.get("say")));
        return seen;
    }

    public String fail(Map<String, Object> event) {
        throw new IllegalStateException("failed on purpose");
    }

    public String exit(Map<String, Object> event) {
        Runtime.getRuntime().halt(3);
        return "never";
    }

    /** Fails its initialisation, as a handler whose constructor throws does. */
    public static class FailingInit {

        public FailingInit() {
            throw new IllegalStateException("cannot initialise");
        }

        public String handle(Map<String, Object> event) {
            return "never";
        }
    }
}
