package com.hydracore.billing.bootstrap;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * Entry point of {@code billing-server.jar}: {@code java -jar billing-server.jar [--demo]} runs the server;
 * {@code java -jar billing-server.jar token --account ID [--scope S]... [--ttl 1h]} mints a token.
 * Configured by environment variables only (see the README). Exit codes: 0 after a clean stop, 2 for bad
 * configuration or usage.
 */
public final class BillingServer {

    /** Exit code for a configuration or usage problem. */
    public static final int EXIT_CONFIG = 2;

    private BillingServer() {
    }

    /** Exit code when the JVM ran out of memory (the same as {@code -XX:+ExitOnOutOfMemoryError}'s). */
    public static final int EXIT_OUT_OF_MEMORY = 3;

    /** Runs the server or a subcommand, then exits. */
    public static void main(String[] args) {
        // A thread that dies of an OutOfMemoryError (a selector, the pool's housekeeper) would leave a process that
        // lives on without serving: exit instead, so a supervisor restarts it. -XX:+ExitOnOutOfMemoryError (the
        // README's command) does it at the first such error, even one a library catches.
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            if (error instanceof OutOfMemoryError) {
                Runtime.getRuntime().halt(EXIT_OUT_OF_MEMORY);
            }
            error.printStackTrace();
        });
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** Runs the command and returns the exit code; the server variant blocks until SIGTERM or SIGINT. */
    static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        List<String> arguments = Arrays.asList(args);
        try {
            if (!arguments.isEmpty() && arguments.get(0).equals("token")) {
                out.println(TokenCommand.mint(arguments.subList(1, arguments.size()),
                        ServerConfig.fromEnvironment(environment), Clock.systemUTC()));
                return 0;
            }
            ServerConfig config = ServerConfig.fromEnvironment(environment);
            for (String argument : arguments) {
                if (argument.equals("--demo")) {
                    config = config.withDemo();
                } else {
                    throw new ConfigException("usage: billing-server.jar [--demo] | token --account ID [--scope S]..."
                            + " [--ttl DURATION]  (unknown argument '" + argument + "')");
                }
            }
            serveUntilStopped(config, out);
            return 0;
        } catch (ConfigException e) {
            err.println("billing-server: " + e.getMessage());
            return EXIT_CONFIG;
        }
    }

    private static void serveUntilStopped(ServerConfig config, PrintStream out) {
        CountDownLatch stop = new CountDownLatch(1);
        // Handle the signals ourselves (rather than a shutdown hook) so a requested stop drains and exits 0; from
        // before the server listens, so that a stop asked as soon as it answers is never the JVM's default exit.
        Signal.handle(new Signal("TERM"), signal -> stop.countDown());
        Signal.handle(new Signal("INT"), signal -> stop.countDown());
        RunningServer server = RunningServer.start(config, Clock.systemUTC(), out);
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.println("Stopping: finishing in-flight requests (at most " + config.shutdownGrace().toSeconds() + " s)");
        server.close();
        out.println("Stopped.");
    }
}
