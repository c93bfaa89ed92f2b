package com.hydracore.billing.bootstrap;

import com.hydracore.billing.adapter.rest.AuthSettings;
import com.hydracore.billing.adapter.rest.TokenMinter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code token --account ID [--scope S]... [--ttl 1h]}: mints a token with the server's HS256 secret: the configured
 * one, or the development secret the server keeps in its data directory. It never creates a secret: a token signed
 * with a secret the server does not know would only be refused (401), so without one it says what to set instead.
 */
final class TokenCommand {

    private TokenCommand() {
    }

    static String mint(List<String> args, ServerConfig config, Clock clock) {
        String account = null;
        Set<String> scopes = new LinkedHashSet<>();
        Duration ttl = Duration.ofHours(1);
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            if (i + 1 >= args.size()) {
                throw usage("missing value after " + flag);
            }
            String value = args.get(++i);
            switch (flag) {
                case "--account" -> account = value;
                case "--scope" -> scopes.addAll(List.of(value.split("[ ,]+")));
                case "--ttl" -> ttl = parseTtl(value);
                default -> throw usage("unknown option " + flag);
            }
        }
        if (account == null || account.isBlank()) {
            throw usage("--account is required");
        }
        String secret = config.auth().flatMap(AuthSettings::hmacSecret).orElseGet(() -> {
            if (config.auth().isPresent()) {
                throw new ConfigException("BILLING_JWKS_URL",
                        "tokens are verified against a JWK set; mint them with your identity provider");
            }
            return developmentSecret(config.dataDir());
        });
        return new TokenMinter(secret, clock).mint(account, scopes, ttl);
    }

    /** The secret a development-mode server on {@code dataDir} signs with; never a new one. */
    private static String developmentSecret(Path dataDir) {
        Path file = dataDir.toAbsolutePath().normalize().resolve(DevelopmentSecret.FILE_NAME);
        try {
            return DevelopmentSecret.load(dataDir).orElseThrow(() -> new ConfigException("BILLING_JWT_SECRET",
                    "not set, and " + file + " does not exist: set BILLING_JWT_SECRET to the server's secret, or"
                            + " BILLING_DATA_DIR to the data directory of a server running in development mode"));
        } catch (UncheckedIOException e) {
            throw new ConfigException("BILLING_DATA_DIR", "cannot read " + file + ": " + e.getCause().getMessage());
        }
    }

    /** {@code 90s}, {@code 15m}, {@code 1h}, {@code 7d}, or an ISO-8601 duration such as {@code PT1H}. */
    static Duration parseTtl(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("p")) {
                return positive(Duration.parse(text.strip().toUpperCase(Locale.ROOT)), text);
            }
            long amount = Long.parseLong(t.substring(0, t.length() - 1));
            return positive(switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> throw usage("--ttl '" + text + "' must end in s, m, h or d");
            }, text);
        } catch (NumberFormatException | java.time.format.DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw usage("--ttl '" + text + "' is not a duration like 90s, 15m, 1h or 7d");
        }
    }

    private static Duration positive(Duration d, String text) {
        if (d.isNegative() || d.isZero()) {
            throw usage("--ttl '" + text + "' must be positive");
        }
        return d;
    }

    private static ConfigException usage(String problem) {
        return new ConfigException("token: " + problem
                + " (usage: token --account ID [--scope S]... [--ttl 1h])");
    }
}
