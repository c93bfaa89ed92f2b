package com.hydracore.billing.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The HS256 secret of development mode: random, created once and kept in the data directory so that printed tokens
 * survive restarts. Never used when a secret or a JWK set is configured.
 */
final class DevelopmentSecret {

    static final String FILE_NAME = "dev-jwt-secret";

    private DevelopmentSecret() {
    }

    /** The secret kept in {@code dataDir}, if the server has created one there. */
    static Optional<String> load(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip())
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The secret kept in {@code dataDir}, created there (readable by its owner only) when there is none yet. */
    static String loadOrCreate(Path dataDir) {
        return load(dataDir).orElseGet(() -> create(dataDir));
    }

    private static String create(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDir);
            byte[] bytes = new byte[48];
            new SecureRandom().nextBytes(bytes);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            Files.writeString(file, secret, StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the file keeps the platform's default permissions.
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file, e);
        }
    }

    static boolean exists(Path dataDir) {
        return Files.exists(dataDir.resolve(FILE_NAME));
    }
}
