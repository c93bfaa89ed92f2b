package com.hydracore.billing.bootstrap;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Typed, validated reads of environment variables; every failure names its variable. */
final class Env {

    private final Map<String, String> values;

    Env(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    Optional<String> text(String name) {
        String value = values.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    String text(String name, String fallback) {
        return text(name).orElse(fallback);
    }

    long number(String name, long fallback, long min, long max) {
        Optional<String> raw = text(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        long value;
        try {
            value = Long.parseLong(raw.get());
        } catch (NumberFormatException e) {
            throw new ConfigException(name, "'" + raw.get() + "' is not a whole number");
        }
        if (value < min || value > max) {
            throw new ConfigException(name, value + " is outside " + min + ".." + max);
        }
        return value;
    }

    int integer(String name, int fallback, int min, int max) {
        return (int) number(name, fallback, min, max);
    }

    boolean flag(String name) {
        Optional<String> raw = text(name);
        if (raw.isEmpty()) {
            return false;
        }
        return switch (raw.get().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new ConfigException(name, "'" + raw.get() + "' is not true or false");
        };
    }

    Optional<URI> url(String name, String... schemes) {
        Optional<String> raw = text(name);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(raw.get());
            if (uri.getScheme() == null || !java.util.List.of(schemes).contains(uri.getScheme())
                    || uri.getHost() == null) {
                throw new ConfigException(name, "'" + raw.get() + "' is not an absolute "
                        + String.join(" or ", schemes) + " URL");
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            throw new ConfigException(name, "'" + raw.get() + "' is not a valid URL");
        }
    }

    Optional<Path> path(String name) {
        return text(name).map(Path::of);
    }
}
