package com.loyaltymemberships.devkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Testcontainers is asked about Docker only where it has something to find. */
class DockerTest {
    private static final boolean SYSTEM_SOCKET = Files.exists(Path.of("/var/run/docker.sock"));

    @Test
    void nothingConfiguredMeansNoDockerUnlessTheSystemSocketExists(@TempDir Path home) {
        assertEquals(SYSTEM_SOCKET, Docker.configured(Map.of("os.name", "Linux", "user.home", home.toString())::get));
    }

    @Test
    void dockerHostIsEnough() {
        assertTrue(Docker.configured(Map.of("os.name", "Linux", "DOCKER_HOST", "tcp://127.0.0.1:2375")::get));
    }

    @Test
    void aRootlessOrDesktopSocketIsFound(@TempDir Path home) throws IOException {
        Files.createDirectories(home.resolve(".docker/desktop"));
        Files.createFile(home.resolve(".docker/desktop/docker.sock"));

        assertTrue(Docker.configured(Map.of("os.name", "Linux", "user.home", home.toString())::get));
    }

    @Test
    void aHostInTestcontainersPropertiesIsFound(@TempDir Path home) throws IOException {
        Files.writeString(home.resolve(".testcontainers.properties"), "tc.host=tcp://127.0.0.1:2375\n");

        assertTrue(Docker.configured(Map.of("os.name", "Linux", "user.home", home.toString())::get));
    }

    @Test
    void onWindowsTestcontainersProbesTheNamedPipe() {
        assertTrue(Docker.configured(Map.of("os.name", "Windows 11")::get));
    }
}
