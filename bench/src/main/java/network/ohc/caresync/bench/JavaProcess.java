package network.ohc.caresync.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** A jar the harness runs as a process of its own, with its output in a log file. */
final class JavaProcess implements AutoCloseable {

    /** Processes still running, stopped if the harness is interrupted (Ctrl-C). */
    private static final java.util.Set<Process> RUNNING = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroy), "stop-processes"));
    }

    private final String name;
    private final Process process;
    private final Path log;
    private final long startedAtNanos;

    private JavaProcess(String name, Process process, Path log, long startedAtNanos) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.startedAtNanos = startedAtNanos;
    }

    static JavaProcess start(String name, Path jar, List<String> jvmArgs, List<String> args, Path log) {
        return start(name, jar, jvmArgs, Map.of(), args, log);
    }

    /** As above, with environment variables the process gets unless the harness's own environment sets them. */
    static JavaProcess start(String name, Path jar, List<String> jvmArgs, Map<String, String> env, List<String> args,
                             Path log) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; build with 'mvn -B -DskipTests package' first");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        command.addAll(args);
        try {
            Files.createDirectories(log.getParent());
            long started = System.nanoTime();
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            env.forEach(builder.environment()::putIfAbsent);
            Process process = builder.start();
            RUNNING.add(process);
            return new JavaProcess(name, process, log, started);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until {@code ready} holds; the time since the process started. */
    Duration awaitReady(BooleanSupplier ready, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " stopped while starting; see " + log);
            }
            if (ready.getAsBoolean()) {
                return Duration.ofNanos(System.nanoTime() - startedAtNanos);
            }
            sleep(50);
        }
        throw new IllegalStateException(name + " was not ready within " + timeout + "; see " + log);
    }

    String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    /** Stops the process as an operator would (SIGTERM, a graceful shutdown), killing it when it takes too long. */
    @Override
    public void close() {
        RUNNING.remove(process);
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
