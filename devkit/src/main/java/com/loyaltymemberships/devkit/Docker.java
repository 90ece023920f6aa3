package com.loyaltymemberships.devkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.testcontainers.DockerClientFactory;

/**
 * Tells whether a Docker engine answers. Testcontainers' own detection tries several strategies and can take
 * seconds when there is no Docker at all, so it is asked only when something it would find is configured.
 */
final class Docker {
    private Docker() {}

    static boolean answers(UnaryOperator<String> settings) {
        return configured(settings) && DockerClientFactory.instance().isDockerAvailable();
    }

    /**
     * True when Testcontainers has a place to look: DOCKER_HOST, a host in ~/.testcontainers.properties, or one of
     * the Unix sockets its strategies try. On Windows Docker listens on a named pipe, which only Testcontainers can
     * probe.
     */
    static boolean configured(UnaryOperator<String> settings) {
        String os = settings.apply("os.name");
        if (os != null && os.toLowerCase(Locale.ROOT).startsWith("windows")) {
            return true;
        }
        if (settings.apply("DOCKER_HOST") != null) {
            return true;
        }
        String home = settings.apply("user.home");
        List<Path> sockets = new ArrayList<>(List.of(Path.of("/var/run/docker.sock")));
        if (home != null) {
            if (testcontainersPropertiesNameAHost(Path.of(home, ".testcontainers.properties"))) {
                return true;
            }
            sockets.add(Path.of(home, ".docker", "run", "docker.sock"));
            sockets.add(Path.of(home, ".docker", "desktop", "docker.sock"));
        }
        String runtimeDir = settings.apply("XDG_RUNTIME_DIR");
        if (runtimeDir != null) {
            sockets.add(Path.of(runtimeDir, "docker.sock"));
        }
        return sockets.stream().anyMatch(Files::exists);
    }

    private static boolean testcontainersPropertiesNameAHost(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException unreadable) {
            return false;
        }
        return properties.containsKey("docker.host") || properties.containsKey("tc.host");
    }
}
