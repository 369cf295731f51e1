package io.veriscore.app.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veriscore.app.auth.Caller;
import io.veriscore.app.config.VeriscoreConfig;
import io.veriscore.app.error.VeriscoreException;
import io.veriscore.app.error.VeriscoreException.FieldError;
import io.veriscore.app.inference.InferenceLogRecord;
import io.veriscore.app.inference.InferenceRecord;
import io.veriscore.app.jobs.Jobs;
import io.veriscore.app.log.LogEntry;
import io.veriscore.app.log.LogEntryAppended;
import io.veriscore.app.notify.ResultStep;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Webhooks: registration, and one delivery per webhook of the result's client when a proof or an on-chain submission
 * ends, and at each step of an on-chain submission on the way. Deliveries are stored and scheduled in the transaction that records the end, so none is lost; {@link
 * WebhookSender} sends them, at least once.
 */
@ApplicationScoped
public class WebhookService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final WebhookRepository webhooks;
    private final EntityManager entities;
    private final ObjectMapper mapper;
    private final Jobs jobs;
    private final WebhookConfig config;
    private final TransactionSynchronizationRegistry transactions;

    WebhookService(WebhookRepository webhooks, EntityManager entities, ObjectMapper mapper, Jobs jobs, WebhookConfig config,
            TransactionSynchronizationRegistry transactions) {
        this.webhooks = webhooks;
        this.transactions = transactions;
        this.entities = entities;
        this.mapper = mapper;
        this.jobs = jobs;
        this.config = config;
    }

    /** Production never lets a client make the service call into its own network. */
    void refuseUnsafeProduction(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent start, VeriscoreConfig service) {
        if (service.mode() == VeriscoreConfig.Mode.PRODUCTION && config.allowPrivateTargets()) {
            throw new IllegalStateException("veriscore.mode=production refuses veriscore.webhooks.allow-private-targets=true:"
                    + " webhooks could then reach the service's own network");
        }
    }

    @Transactional
    public Webhook register(Caller caller, String url) {
        WebhookTargets.checkRegistered(url, config.allowPrivateTargets());
        if (webhooks.of(caller.name()).size() >= config.maxPerClient()) {
            throw VeriscoreException.unprocessable("a client may register at most " + config.maxPerClient()
                    + " webhooks; delete one first", List.of(new FieldError("/url", "limit reached")));
        }
        Webhook webhook = new Webhook();
        webhook.id = UUID.randomUUID();
        webhook.client = caller.name();
        webhook.url = url;
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        webhook.secret = "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        webhook.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        webhooks.persist(webhook);
        return webhook;
    }

    @Transactional
    public List<Webhook> list(Caller caller) {
        return webhooks.of(caller.name());
    }

    @Transactional
    public Webhook get(Caller caller, UUID id) {
        return webhooks.find(id, caller.name()).orElseThrow(() -> VeriscoreException.notFound("no webhook with id " + id));
    }

    @Transactional
    public void delete(Caller caller, UUID id) {
        webhooks.delete(get(caller, id));
    }

    @Transactional
    public List<WebhookDelivery> deliveries(Caller caller, UUID id, int limit) {
        return webhooks.deliveries(get(caller, id).id, limit);
    }

    /** In the transaction that records the end of a proof or a submission: a delivery for each webhook of its client. */
    void onAppended(@Observes LogEntryAppended appended) {
        LogEntry entry = appended.entry();
        if (entry.kind.equals(InferenceLogRecord.KIND)) {
            return;
        }
        JsonNode record = read(entry.body);
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("logEntryId", entry.id.toString());
        about.put("record", record);
        deliver(entry.subjectId, entry.kind + "." + record.path("status").asText(), entry.createdAt, about);
    }

    /** In the transaction that stores a step on the way (an on-chain record waiting, proving, sent): the same, unsigned. */
    void onStep(@Observes ResultStep step) {
        deliver(step.resultId(), step.type(), step.at(), Map.of("step", step.detail()));
    }

    private void deliver(UUID resultId, String type, Instant at, Map<String, Object> about) {
        InferenceRecord result = entities.find(InferenceRecord.class, resultId);
        List<Webhook> targets = result == null ? List.of() : webhooks.of(result.client);
        if (targets.isEmpty()) {
            return;
        }
        int rank = webhooks.pendingOf(result.client);
        for (Webhook webhook : targets) {
            WebhookDelivery delivery = new WebhookDelivery();
            delivery.id = UUID.randomUUID();
            delivery.webhookId = webhook.id;
            delivery.eventType = type;
            delivery.resultId = resultId;
            delivery.createdAt = at;
            delivery.body = body(delivery, about);
            webhooks.persist(delivery);
            jobs.schedule(DeliveryJobs.DELIVER, delivery.id, rank++);
        }
        wakeUpAfterCommit();
    }

    /** Once the deliveries are committed, the sender looks for them now rather than at its next poll. */
    private void wakeUpAfterCommit() {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    jobs.wakeUp();
                }
            }
        });
    }

    /** The event as posted: what happened, to which result, and the signed log record (or the step) that says so. */
    private String body(WebhookDelivery delivery, Map<String, Object> about) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", delivery.id.toString());
        event.put("type", delivery.eventType);
        event.put("createdAt", delivery.createdAt.toString());
        event.put("result", delivery.resultId.toString());
        event.put("href", "/v1/inferences/" + delivery.resultId);
        event.putAll(about);
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode read(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
