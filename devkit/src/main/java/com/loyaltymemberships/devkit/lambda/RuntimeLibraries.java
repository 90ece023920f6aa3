package com.loyaltymemberships.devkit.lambda;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The Lambda runtime a function JVM runs under: the runtime interface client and its libraries, which Maven copies
 * into {@value #RESOURCES}/ of this module's jar (see devkit/pom.xml), extracted once per JVM to a temporary
 * directory, plus the client's native library for this machine.
 *
 * @param directory     where they are ({@code LAMBDA_RUNTIME_DIR})
 * @param classpath     the jars
 * @param nativeLibrary the client's JNI library for this platform, extracted from its jar
 */
record RuntimeLibraries(Path directory, List<Path> classpath, Path nativeLibrary) {

    static final String RESOURCES = "lambda-runtime";
    private static final String CLIENT_JAR_PREFIX = "aws-lambda-java-runtime-interface-client-";

    private static RuntimeLibraries extracted;

    /** The libraries, extracted on first use. */
    static synchronized RuntimeLibraries get() throws IOException {
        if (extracted == null) {
            extracted = extract();
        }
        return extracted;
    }

    private static RuntimeLibraries extract() throws IOException {
        String platform = platform();
        Path directory = Files.createTempDirectory("lambda-runtime-");
        // deleteOnExit deletes in reverse order of registration: the files first, then the directory.
        directory.toFile().deleteOnExit();
        List<Path> jars = new ArrayList<>();
        try (Resources resources = Resources.open();
                DirectoryStream<Path> found = Files.newDirectoryStream(resources.directory(), "*.jar")) {
            for (Path jar : found) {
                jars.add(copy(jar, directory.resolve(jar.getFileName().toString())));
            }
        }
        Path client = jars.stream()
                .filter(jar -> jar.getFileName().toString().startsWith(CLIENT_JAR_PREFIX))
                .findFirst()
                .orElseThrow(() ->
                        new IOException("No " + CLIENT_JAR_PREFIX + "*.jar in " + RESOURCES + "/: rebuild devkit"));
        Path nativeLibrary;
        try (FileSystem clientJar = FileSystems.newFileSystem(client)) {
            // The client would write it to /tmp/.libaws-lambda-jni.so in every JVM, where concurrent JVMs race.
            nativeLibrary = copy(
                    clientJar.getPath("jni", "libaws-lambda-jni." + platform + ".so"),
                    directory.resolve("libaws-lambda-jni.so"));
        }
        return new RuntimeLibraries(directory, List.copyOf(jars), nativeLibrary);
    }

    private static Path copy(Path from, Path to) throws IOException {
        Files.copy(from, to);
        to.toFile().deleteOnExit();
        return to;
    }

    /**
     * The name the client's jar gives its native library for this machine; the client runs on Linux only (its
     * native part is the Lambda C++ runtime client, built for glibc and musl on x86_64 and arm64).
     */
    private static String platform() throws IOException {
        String os = System.getProperty("os.name");
        String arch = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64" -> "aarch_64";
            default -> null;
        };
        if (!os.toLowerCase(Locale.ROOT).startsWith("linux") || arch == null) {
            throw new UnsupportedOperationException(
                    "The AWS Lambda runtime interface client runs on Linux x86_64 or arm64 only, not on " + os + " "
                            + System.getProperty("os.arch") + ": use sam local invoke (Docker) there.");
        }
        try (Stream<Path> musl = Files.list(Path.of("/lib"))
                .filter(p -> p.getFileName().toString().startsWith("ld-musl-"))) {
            return (musl.findAny().isPresent() ? "linux_musl-" : "linux-") + arch;
        }
    }

    /** {@value #RESOURCES}/ of this class's jar, or of its classes directory when run from a build. */
    private record Resources(Path directory, FileSystem jar) implements AutoCloseable {

        static Resources open() throws IOException {
            Path location;
            try {
                location = Path.of(RuntimeLibraries.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI());
            } catch (URISyntaxException e) {
                throw new IOException("Cannot locate the " + RESOURCES + " resources", e);
            }
            if (Files.isDirectory(location)) {
                return new Resources(location.resolve(RESOURCES), null);
            }
            FileSystem jar = FileSystems.newFileSystem(location);
            return new Resources(jar.getPath(RESOURCES), jar);
        }

        @Override
        public void close() throws IOException {
            if (jar != null) {
                jar.close();
            }
        }
    }
}
