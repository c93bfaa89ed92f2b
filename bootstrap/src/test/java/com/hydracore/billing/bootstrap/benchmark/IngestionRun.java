package com.hydracore.billing.bootstrap.benchmark;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One ingestion run of the benchmark, written {@code mix[+llm]/accounts} in {@code bench.ingestion}: the
 * {@link EventMix}, whether events carry a model and token kinds, and over how many accounts the batches spread
 * (each batch's events spread over all of them; {@code 1} is one hot account).
 */
record IngestionRun(EventMix mix, boolean llm, int accounts) {

    /** Instances per account, as an agent platform's account runs them. */
    static final int INSTANCES = 50;

    IngestionRun {
        if (accounts < 1) {
            throw new IllegalArgumentException("accounts must be at least 1");
        }
    }

    /** Runs from {@code live/20,many/1,live+llm/20}. */
    static List<IngestionRun> parseAll(String spec) {
        return Arrays.stream(spec.split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(IngestionRun::parse)
                .toList();
    }

    private static IngestionRun parse(String one) {
        String[] parts = one.split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException("an ingestion run is mix[+llm]/accounts, not " + one);
        }
        boolean llm = parts[0].endsWith("+llm");
        String mix = llm ? parts[0].substring(0, parts[0].length() - "+llm".length()) : parts[0];
        return new IngestionRun(EventMix.named(mix), llm, Integer.parseInt(parts[1].strip()));
    }

    /** Where the run's figures are kept in the results. */
    String key() {
        return "ingestion_" + mix.name().toLowerCase(Locale.ROOT) + (llm ? "_llm" : "") + "_" + accounts
                + (accounts == 1 ? "_account" : "_accounts");
    }

    /** A batch of {@code ids} in this run's mix, its events spread over the run's accounts. */
    String batch(List<String> ids) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        StringBuilder body = new StringBuilder(ids.size() * 320).append("{\"events\":[");
        for (int i = 0; i < ids.size(); i++) {
            if (i > 0) {
                body.append(',');
            }
            String account = accounts == 1 ? "hot-acct" : "acct-" + random.nextInt(accounts);
            mix.append(body, ids.get(i), account, INSTANCES, now, llm);
        }
        return body.append("]}").toString();
    }

    @Override
    public String toString() {
        return mix.name().toLowerCase(Locale.ROOT) + (llm ? "+llm" : "") + "/" + accounts;
    }
}
