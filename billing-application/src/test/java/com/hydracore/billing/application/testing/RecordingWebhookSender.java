package com.hydracore.billing.application.testing;

import com.hydracore.billing.application.port.out.WebhookSender;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A {@link WebhookSender} that sends nothing: it records every request and answers what the test says (204 unless
 * told otherwise). A real HTTP receiver test belongs with the HTTP sender adapter.
 */
public final class RecordingWebhookSender implements WebhookSender {

    private final List<WebhookRequest> requests = new ArrayList<>();
    private volatile Function<WebhookRequest, SendResult> answer = request -> SendResult.answered(204);

    @Override
    public SendResult send(WebhookRequest request) {
        synchronized (requests) {
            requests.add(request);
        }
        return answer.apply(request);
    }

    /** Answers every later request with {@code statusCode}. */
    public void answer(int statusCode) {
        answer = request -> SendResult.answered(statusCode);
    }

    /** Fails every later request with {@code reason} (no answer: a timeout, a refused connection...). */
    public void failWith(String reason) {
        answer = request -> SendResult.failed(reason);
    }

    /** Answers every later request as {@code answer} says (it may block, count, or throw). */
    public void respond(Function<WebhookRequest, SendResult> answer) {
        this.answer = answer;
    }

    /** Every request so far, in the order they were sent. */
    public List<WebhookRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** Forgets the requests so far. */
    public void clear() {
        synchronized (requests) {
            requests.clear();
        }
    }
}
