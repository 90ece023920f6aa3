package com.loyaltymemberships.local;

import com.loyaltymemberships.local.invoke.InvokeCommand;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * {@code java -jar loyalty-local.jar}: the local server ({@link LocalServer}), or with {@code invoke <FunctionLogicalId>
 * <event-file>} one invocation of a function under the Lambda runtime ({@link InvokeCommand}).
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws IOException {
        if (args.length > 0 && args[0].equals("invoke")) {
            System.exit(InvokeCommand.run(List.of(Arrays.copyOfRange(args, 1, args.length))));
        } else {
            LocalServer.main(args);
        }
    }
}
