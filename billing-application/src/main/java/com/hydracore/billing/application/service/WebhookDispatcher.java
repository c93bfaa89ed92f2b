package com.hydracore.billing.application.service;

import com.hydracore.billing.application.WebhookSettings;
import com.hydracore.billing.application.error.StoreUnavailableException;
import com.hydracore.billing.application.port.in.DispatchWebhooks;
import com.hydracore.billing.application.port.out.AttemptOutcome;
import com.hydracore.billing.application.port.out.ClaimedDelivery;
import com.hydracore.billing.application.port.out.Outbox;
import com.hydracore.billing.application.port.out.WebhookEndpoints;
import com.hydracore.billing.application.port.out.WebhookSender;
import com.hydracore.billing.application.port.out.WebhookSender.SendResult;
import com.hydracore.billing.application.port.out.WebhookSender.WebhookRequest;
import com.hydracore.billing.domain.webhook.DeliveryStatus;
import com.hydracore.billing.domain.webhook.Signature;
import com.hydracore.billing.domain.webhook.WebhookEndpoint;
import com.hydracore.billing.domain.webhook.WebhookEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Sends due webhook messages (API §8): claims them from the {@link Outbox}, signs each attempt the Standard Webhooks
 * way, POSTs it through the {@link WebhookSender}, and records the outcome — {@code delivered} on any 2xx, else a
 * retry after the schedule's next delay, else {@code failed}.
 *
 * <p>Concurrency is bounded by construction: a pass works in rounds, each claiming at most {@code concurrency}
 * deliveries and waiting for all of them before claiming more, so no more than that many requests are in flight
 * whatever the executor, and a claim's lease only has to cover one send. A slow receiver slows its round, never the
 * HTTP server's workers (the executor is the dispatcher's own).
 */
public final class WebhookDispatcher implements DispatchWebhooks {

    /** Most deliveries one pass claims, so a pass ends and the next picks up. */
    public static final int DEFAULT_MAX_PER_PASS = 1_000;

    private static final System.Logger LOG = System.getLogger(WebhookDispatcher.class.getName());

    private final Outbox outbox;
    private final WebhookEndpoints endpoints;
    private final WebhookSender sender;
    private final WebhookSettings settings;
    private final Clock clock;
    private final Executor executor;
    private final int concurrency;
    private final int maxPerPass;

    /**
     * Wires the dispatcher.
     *
     * @param executor    runs the sends (e.g. a fixed pool of {@code concurrency} threads; {@code Runnable::run}
     *                    sends one after the other)
     * @param concurrency most requests in flight at once, ≥ 1
     * @param maxPerPass  most deliveries one pass claims, ≥ 1
     */
    public WebhookDispatcher(Outbox outbox, WebhookEndpoints endpoints, WebhookSender sender,
                             WebhookSettings settings, Clock clock, Executor executor, int concurrency,
                             int maxPerPass) {
        if (concurrency < 1 || maxPerPass < 1) {
            throw new IllegalArgumentException("concurrency and maxPerPass are at least 1");
        }
        this.outbox = outbox;
        this.endpoints = endpoints;
        this.sender = sender;
        this.settings = settings;
        this.clock = clock;
        this.executor = executor;
        this.concurrency = concurrency;
        this.maxPerPass = maxPerPass;
    }

    /** Wires the dispatcher with {@value #DEFAULT_MAX_PER_PASS} deliveries at most per pass. */
    public WebhookDispatcher(Outbox outbox, WebhookEndpoints endpoints, WebhookSender sender,
                             WebhookSettings settings, Clock clock, Executor executor, int concurrency) {
        this(outbox, endpoints, sender, settings, clock, executor, concurrency, DEFAULT_MAX_PER_PASS);
    }

    @Override
    public DispatchReport dispatchDue() {
        DispatchReport report = DispatchReport.NOTHING;
        Map<String, Optional<WebhookEndpoint>> endpointsSeen = new HashMap<>();
        while (report.claimed() < maxPerPass) {
            int wanted = Math.min(concurrency, maxPerPass - report.claimed());
            List<ClaimedDelivery> round = outbox.claimDue(clock.instant(), settings.claimLease(), wanted);
            if (round.isEmpty()) {
                break;
            }
            Round done = sendRound(round, endpointsSeen);
            report = report.plus(done.report);
            if (round.size() < wanted || done.storeFailed) {
                break;
            }
        }
        return report;
    }

    private record Round(DispatchReport report, boolean storeFailed) {
    }

    private enum Result { DELIVERED, RETRYING, FAILED, LOST, LOST_TO_STORE }

    private Round sendRound(List<ClaimedDelivery> round, Map<String, Optional<WebhookEndpoint>> endpointsSeen) {
        List<CompletableFuture<Result>> sends = new ArrayList<>(round.size());
        for (ClaimedDelivery claim : round) {
            // Looked up here, on the caller's thread: a store outage ends the pass (the claims run out and return).
            Optional<WebhookEndpoint> endpoint = endpointsSeen.computeIfAbsent(claim.endpointId(), endpoints::get);
            try {
                // A sender that breaks its timeout must not hold the pass beyond the claims' lease.
                sends.add(CompletableFuture.supplyAsync(() -> deliver(claim, endpoint), executor)
                        .completeOnTimeout(Result.LOST, settings.claimLease().toMillis(), TimeUnit.MILLISECONDS));
            } catch (RejectedExecutionException shuttingDown) {
                sends.add(CompletableFuture.completedFuture(Result.LOST));
            }
        }
        int delivered = 0;
        int retrying = 0;
        int failed = 0;
        int lost = 0;
        boolean storeFailed = false;
        for (CompletableFuture<Result> send : sends) {
            Result result = send.join();
            switch (result) {
                case DELIVERED -> delivered++;
                case RETRYING -> retrying++;
                case FAILED -> failed++;
                case LOST -> lost++;
                case LOST_TO_STORE -> {
                    lost++;
                    storeFailed = true;
                }
                default -> throw new IllegalStateException(result.name());
            }
        }
        return new Round(new DispatchReport(round.size(), delivered, retrying, failed, lost), storeFailed);
    }

    private Result deliver(ClaimedDelivery claim, Optional<WebhookEndpoint> found) {
        try {
            WebhookEvent event = claim.event();
            if (found.isEmpty()) {
                // Deleted since the claim: its deliveries are gone with it, so there is nothing to record.
                return Result.LOST;
            }
            WebhookEndpoint endpoint = found.get();
            if (!endpoint.receives(event.type())) {
                // Disabled, or no longer subscribed to the type, since the message was queued: not sent.
                return record(claim, AttemptOutcome.abandoned(now()));
            }
            byte[] body = event.bodyBytes();
            long timestamp = clock.instant().getEpochSecond();
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("content-type", "application/json");
            headers.put(Signature.ID_HEADER, event.messageId());
            headers.put(Signature.TIMESTAMP_HEADER, Long.toString(timestamp));
            headers.put(Signature.SIGNATURE_HEADER,
                    Signature.sign(endpoint.secret(), event.messageId(), timestamp, body));
            SendResult result = send(new WebhookRequest(endpoint.uri(), headers, body, settings.sendTimeout()));
            Instant at = now();
            return record(claim, outcome(claim, result, at));
        } catch (StoreUnavailableException outage) {
            LOG.log(System.Logger.Level.WARNING, "webhook " + claim.messageId() + " to " + claim.endpointId()
                    + ": outcome not recorded, the store is unavailable; it will be sent again");
            return Result.LOST_TO_STORE;
        } catch (RuntimeException bug) {
            LOG.log(System.Logger.Level.ERROR, "webhook " + claim.messageId() + " to " + claim.endpointId()
                    + ": not recorded; it will be claimed again when its lease ends", bug);
            return Result.LOST;
        }
    }

    private SendResult send(WebhookRequest request) {
        try {
            return sender.send(request);
        } catch (RuntimeException e) {
            // The port says it never throws; one that does must not stop the pass or lose the delivery.
            return SendResult.failed("sender failed: " + e.getClass().getSimpleName());
        }
    }

    private AttemptOutcome outcome(ClaimedDelivery claim, SendResult result, Instant at) {
        if (result.isSuccess()) {
            return AttemptOutcome.delivered(result.statusCode(), at);
        }
        return settings.retrySchedule().nextAttempt(claim.attempts() + 1, at)
                .map(next -> AttemptOutcome.retryAt(result.statusCode(), at, next))
                .orElseGet(() -> AttemptOutcome.failed(result.statusCode(), at));
    }

    private Result record(ClaimedDelivery claim, AttemptOutcome outcome) {
        if (!outbox.record(claim, outcome)) {
            return Result.LOST;
        }
        if (outcome.status() == DeliveryStatus.DELIVERED) {
            return Result.DELIVERED;
        }
        return outcome.status() == DeliveryStatus.PENDING ? Result.RETRYING : Result.FAILED;
    }

    // Instants this service stores are whole seconds, as the wire shows them.
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }
}
