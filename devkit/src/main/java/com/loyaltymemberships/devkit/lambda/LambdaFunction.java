package com.loyaltymemberships.devkit.lambda;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A function as a template deploys it: what {@link FunctionJvm} needs to run it the way Lambda would.
 *
 * @param name        the function's name ({@code AWS_LAMBDA_FUNCTION_NAME}); {@code sam local} uses the logical id
 * @param jar         the deployment package (the template's {@code CodeUri})
 * @param handler     {@code package.Class::method}
 * @param memoryMb    {@code MemorySize}
 * @param timeout     {@code Timeout}: how long one invocation may take
 * @param environment the function's own variables ({@code Environment.Variables}); {@code AWS_REGION} among them
 *                    chooses the region (default us-east-1); {@link FunctionJvm} adds the variables Lambda sets itself
 */
public record LambdaFunction(
        String name, Path jar, String handler, int memoryMb, Duration timeout, Map<String, String> environment) {

    public LambdaFunction {
        environment = Map.copyOf(environment);
    }
}
