package network.ohc.caresync.application.write;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import network.ohc.caresync.application.auth.Caller;
import network.ohc.caresync.application.sync.SyncTrigger;
import network.ohc.caresync.domain.dependency.TemporaryIdPlaces;
import network.ohc.caresync.domain.write.HandOverResult;
import network.ohc.caresync.domain.write.RecordOfflineWrite;
import network.ohc.caresync.domain.write.SyncedParent;
import network.ohc.caresync.domain.write.WriteRuleViolation;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A device hands over writes: validated field by field, parents checked (they must exist and be the caller's),
 * temporary ids of the caller's earlier writes found wherever they sit (or where the route allows them), then stored
 * as events. Parents that CARE accepted already are read from the event store with their real ids, so a child
 * whose parents are all synced is stored pending with its ids replaced. The answer is given only after the events
 * are committed.
 * <p>
 * A batch is stored in one transaction (one unit of work around every write's command, so all their events are
 * appended and committed together). When any write of the batch fails in its command handler (its id is in use
 * with other content, or another request stored it at the same moment), that transaction is rolled back whole and
 * the batch is stored again write by write, each in its own transaction, so each write gets its own answer.
 * A batch's transaction holds a database connection until it commits, so only a few batches are stored at once
 * ({@code care-sync.writes.batch-transactions}); the others wait their turn without holding one.
 */
public final class HandOverService {

    private static final Logger log = LoggerFactory.getLogger(HandOverService.class);
    /** How long a batch waits for its turn to be stored in one transaction before it is stored write by write. */
    private static final long PERMIT_WAIT_SECONDS = 30;
    private static final Pattern UUID_ONLY = Pattern.compile("^[0-9a-fA-F-]{36}$");

    private final SubmissionValidator validator;
    private final WriteRegistry registry;
    private final CommandGateway commands;
    private final Clock clock;
    private final SyncTrigger trigger;
    private final int maxBatch;
    private final MeterRegistry meters;
    private final TransactionManager transactions;
    private final Semaphore batchTransactions;

    public HandOverService(SubmissionValidator validator, WriteRegistry registry, CommandGateway commands,
                           Clock clock, SyncTrigger trigger, int maxBatch, MeterRegistry meters,
                           TransactionManager transactions, int batchTransactions) {
        if (batchTransactions < 1) {
            throw new IllegalArgumentException("care-sync.writes.batch-transactions must be at least 1");
        }
        this.transactions = transactions;
        this.batchTransactions = new Semaphore(batchTransactions, true);
        this.validator = validator;
        this.registry = registry;
        this.commands = commands;
        this.clock = clock;
        this.trigger = trigger;
        this.maxBatch = maxBatch;
        this.meters = meters;
    }

    public int maxBatch() {
        return maxBatch;
    }

    public HandOverOutcome handOver(Caller caller, Object raw) {
        Submission submission = validator.validate(caller, raw);
        List<String> parents = parentsOf(caller, submission, Map.of());
        HandOverOutcome outcome = record(submission, parents, syncedAmong(parents, Map.of()));
        trigger.wake();
        return outcome;
    }

    /** Many writes at once, in any order: parents are stored before their children; one result per write. */
    public List<BatchItemResult> handOverBatch(Caller caller, List<?> items) {
        if (items.size() > maxBatch) {
            throw new HandOverRejected(HandOverRejected.Reason.TOO_LARGE, "a batch may hold at most " + maxBatch
                    + " writes", List.of(new FieldError("writes", "at most " + maxBatch + " writes per batch")));
        }
        BatchItemResult[] results = new BatchItemResult[items.size()];
        Map<String, Integer> indexById = new LinkedHashMap<>();
        Map<Integer, Submission> valid = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            try {
                Submission submission = validator.validate(caller, items.get(i));
                if (indexById.putIfAbsent(submission.id(), i) != null) {
                    results[i] = rejected(i, submission.id(), HandOverRejected.invalid(List.of(
                            new FieldError("id", "appears twice in this batch"))));
                } else {
                    valid.put(i, submission);
                }
            } catch (HandOverRejected rejection) {
                results[i] = rejected(i, idOf(items.get(i)), rejection);
            }
        }
        List<Integer> order = inParentOrder(valid, indexById, results);
        if (!recordTogether(caller, order, valid, results)) {
            Map<String, String> stored = new HashMap<>();
            for (int index : order) {
                Submission submission = valid.get(index);
                try {
                    List<String> parents = parentsOf(caller, submission, stored);
                    results[index] = new BatchItemResult(index, submission.id(),
                            record(submission, parents, syncedAmong(parents, stored)), null);
                    stored.put(submission.id(), submission.userId());
                } catch (HandOverRejected rejection) {
                    results[index] = rejected(index, submission.id(), rejection);
                }
            }
        }
        trigger.wake();
        return List.of(results);
    }

    /**
     * Stores the batch's writes in one transaction. Fills {@code results} and answers true when it is committed;
     * answers false, with nothing stored and {@code results} untouched, when a write's command failed or the commit
     * did (the caller then stores the writes one by one).
     */
    private boolean recordTogether(Caller caller, List<Integer> order, Map<Integer, Submission> valid,
                                   BatchItemResult[] results) {
        if (order.size() < 2 || CurrentUnitOfWork.isStarted()) {
            return false;
        }
        try {
            if (!batchTransactions.tryAcquire(PERMIT_WAIT_SECONDS, TimeUnit.SECONDS)) {
                fellBack(order.size(), "busy");
                return false;
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
        try {
            return recordInOneTransaction(caller, order, valid, results);
        } finally {
            batchTransactions.release();
        }
    }

    private boolean recordInOneTransaction(Caller caller, List<Integer> order, Map<Integer, Submission> valid,
                                           BatchItemResult[] results) {
        Map<Integer, BatchItemResult> attempt = new HashMap<>();
        List<Submission> created = new ArrayList<>();
        Map<String, String> stored = new HashMap<>();
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(GenericMessage.asMessage("hand-over batch"));
        boolean committed = false;
        try {
            batch.attachTransaction(transactions);
            for (int index : order) {
                Submission submission = valid.get(index);
                List<String> parents;
                try {
                    parents = parentsOf(caller, submission, stored);
                } catch (HandOverRejected rejection) {
                    attempt.put(index, rejected(index, submission.id(), rejection));
                    continue;
                }
                Instant receivedAt = clock.instant();
                HandOverResult result = commands.sendAndWait(command(submission, parents,
                        syncedAmong(parents, stored), receivedAt));
                attempt.put(index, new BatchItemResult(index, submission.id(), outcome(submission, parents,
                        result, receivedAt), null));
                stored.put(submission.id(), submission.userId());
                if (result.created()) {
                    created.add(submission);
                }
            }
            batch.commit();
            committed = true;
        } catch (RuntimeException failed) {
            // the write-by-write path gives each write its own answer (a refusal, or the repeated hand-over's)
            fellBack(order.size(), failed.getClass().getSimpleName());
        } finally {
            if (batch.isActive()) {
                batch.rollback();
            }
        }
        if (!committed) {
            return false;
        }
        attempt.forEach((index, result) -> results[index] = result);
        created.forEach(this::countReceived);
        return true;
    }

    /** Indexes of the valid writes, parents first; writes in a cycle, or below a refused parent, are refused. */
    private List<Integer> inParentOrder(Map<Integer, Submission> valid, Map<String, Integer> indexById,
                                        BatchItemResult[] results) {
        Map<Integer, Set<Integer>> parentsInBatch = new HashMap<>();
        Map<Integer, List<Integer>> children = new HashMap<>();
        for (var entry : valid.entrySet()) {
            Set<Integer> parents = new LinkedHashSet<>();
            for (String candidate : candidatesOf(entry.getValue())) {
                Integer parent = indexById.get(candidate);
                if (parent != null && !parent.equals(entry.getKey())) {
                    parents.add(parent);
                }
            }
            parentsInBatch.put(entry.getKey(), parents);
            for (Integer parent : parents) {
                children.computeIfAbsent(parent, k -> new ArrayList<>()).add(entry.getKey());
            }
        }
        Deque<Integer> ready = new ArrayDeque<>();
        Map<Integer, Integer> waiting = new HashMap<>();
        for (var entry : parentsInBatch.entrySet()) {
            long unresolved = entry.getValue().stream().filter(valid::containsKey).count();
            waiting.put(entry.getKey(), (int) unresolved);
            boolean parentRefused = entry.getValue().stream().anyMatch(p -> !valid.containsKey(p));
            if (parentRefused) {
                waiting.put(entry.getKey(), -1);
            } else if (unresolved == 0) {
                ready.add(entry.getKey());
            }
        }
        List<Integer> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            int index = ready.poll();
            order.add(index);
            for (int child : children.getOrDefault(index, List.of())) {
                int left = waiting.merge(child, -1, Integer::sum);
                if (left == 0) {
                    ready.add(child);
                }
            }
        }
        Set<Integer> ordered = new HashSet<>(order);
        for (int index : valid.keySet()) {
            if (!ordered.contains(index)) {
                boolean refusedParent = parentsInBatch.get(index).stream().anyMatch(p -> !valid.containsKey(p));
                String message = refusedParent ? "a parent in this batch was refused"
                        : "parentMutationIds form a cycle (or depend on one)";
                results[index] = rejected(index, valid.get(index).id(),
                        HandOverRejected.invalid(List.of(new FieldError("parentMutationIds", message))));
            }
        }
        // children of refused writes were skipped above; refuse them with the same reason
        List<Integer> runnable = new ArrayList<>();
        Set<Integer> refused = new HashSet<>();
        for (int index : order) {
            if (parentsInBatch.get(index).stream().anyMatch(refused::contains)) {
                refused.add(index);
                results[index] = rejected(index, valid.get(index).id(), HandOverRejected.invalid(List.of(
                        new FieldError("parentMutationIds", "a parent in this batch was refused"))));
            } else {
                runnable.add(index);
            }
        }
        return runnable;
    }

    private void fellBack(int writes, String reason) {
        log.info("a batch of {} writes is stored write by write ({})", writes, reason);
        Counter.builder("care_sync_batches_stored_write_by_write")
                .description("Batches stored write by write instead of in one transaction, by reason")
                .tag("reason", reason).register(meters).increment();
    }

    /** The explicit parents, checked, and the caller's writes whose ids appear in this write (its temporary ids). */
    private List<String> parentsOf(Caller caller, Submission submission, Map<String, String> storedInBatch) {
        Set<String> candidates = candidatesOf(submission);
        Map<String, String> owners = new HashMap<>(storedInBatch);
        List<String> unknown = candidates.stream().filter(c -> !owners.containsKey(c)).toList();
        if (!unknown.isEmpty()) {
            owners.putAll(registry.ownersOf(unknown));
        }
        List<FieldError> errors = new ArrayList<>();
        List<String> explicit = submission.parentMutationIds();
        for (int i = 0; i < explicit.size(); i++) {
            if (!caller.userId().equals(owners.get(explicit.get(i)))) {
                errors.add(new FieldError("parentMutationIds[" + i + "]",
                        "no write " + explicit.get(i) + " among your writes; hand over parents first"));
            }
        }
        if (!errors.isEmpty()) {
            throw HandOverRejected.invalid(errors);
        }
        Set<String> parents = new LinkedHashSet<>(explicit);
        for (String candidate : candidates) {
            if (caller.userId().equals(owners.get(candidate))) {
                parents.add(candidate);
            }
        }
        return List.copyOf(parents);
    }

    /**
     * Those parents CARE accepted already, in parent order; parents stored in this batch a moment ago cannot be
     * among them. One read of the event store for all of them: the views may lag behind a sync.
     */
    private List<SyncedParent> syncedAmong(List<String> parents, Map<String, String> storedInBatch) {
        List<String> earlier = parents.stream().filter(p -> !storedInBatch.containsKey(p)).toList();
        if (earlier.isEmpty()) {
            return List.of();
        }
        Map<String, SyncedParent> synced = registry.syncedAmong(earlier);
        return earlier.stream().map(synced::get).filter(Objects::nonNull).toList();
    }

    /** The explicit parents and every write id mentioned where the route allows temporary ids. */
    private static Set<String> candidatesOf(Submission submission) {
        Set<String> candidates = new LinkedHashSet<>(submission.parentMutationIds());
        submission.route().temporaryIds().forEachCoveredString(submission.pathParams(), submission.queryParams(),
                submission.payload(), (path, value) -> collectMentions(value, candidates));
        candidates.remove(submission.id());
        return candidates;
    }

    private static void collectMentions(String s, Set<String> into) {
        if (s.length() >= 36 && (s.contains("offline-") || UUID_ONLY.matcher(s).matches() || s.contains("/"))) {
            into.addAll(WriteId.mentionsIn(s));
        }
    }

    private HandOverOutcome record(Submission submission, List<String> parents, List<SyncedParent> synced) {
        Instant receivedAt = clock.instant();
        HandOverResult result;
        try {
            result = send(command(submission, parents, synced, receivedAt));
        } catch (WriteRuleViolation violation) {
            throw new HandOverRejected(HandOverRejected.Reason.ID_IN_USE, violation.getMessage(),
                    List.of(new FieldError("id", "already used for a write with other content")));
        }
        if (result.created()) {
            countReceived(submission);
        }
        return outcome(submission, parents, result, receivedAt);
    }

    private static RecordOfflineWrite command(Submission submission, List<String> parents,
                                              List<SyncedParent> synced, Instant receivedAt) {
        TemporaryIdPlaces places = submission.route().temporaryIds();
        return new RecordOfflineWrite(submission.id(), submission.userId(),
                submission.deviceId(), submission.route().key(), submission.type(), submission.resourceType(),
                submission.route().recordKey(submission.id(), submission.pathParams()), submission.pathParams(),
                submission.queryParams(), stamped(submission), parents, submission.clientTimestamp(),
                submission.serverTimestamp(), submission.queryRouteKey(), submission.basePayload(),
                network.ohc.caresync.application.json.Json.sha256(submission.content()), receivedAt, synced,
                places.asStored());
    }

    private static HandOverOutcome outcome(Submission submission, List<String> parents, HandOverResult result,
                                           Instant receivedAt) {
        HandOverResult.Values stored = result.stored();
        return new HandOverOutcome(submission, result.created(), result.status(), result.blockReason(),
                result.blockedBy(), parents, receivedAt,
                stored == null ? submission.pathParams() : stored.pathParams(),
                stored == null ? submission.queryParams() : stored.queryParams(),
                stored == null ? submission.payload() : stored.payload());
    }

    private void countReceived(Submission submission) {
        Counter.builder("care_sync_writes_received").description("Writes handed over, by route")
                .tag("route", submission.route().key()).register(meters).increment();
    }

    private HandOverResult send(RecordOfflineWrite command) {
        try {
            return commands.sendAndWait(command);
        } catch (AggregateStreamCreationException | ConcurrencyException raced) {
            // another request created the same write a moment ago: answer as to a repeated hand-over
            return commands.sendAndWait(command);
        }
    }

    /** Fills the route's stamp fields the device left empty (e.g. an external identifier carrying the write id). */
    private static Map<String, Object> stamped(Submission submission) {
        Map<String, String> stamp = submission.route().stamp();
        if (stamp.isEmpty()) {
            return submission.payload();
        }
        Map<String, Object> payload = new LinkedHashMap<>(submission.payload());
        stamp.forEach((field, template) -> {
            Object current = payload.get(field);
            if (current == null || current.toString().isBlank()) {
                String uuid = submission.id().startsWith("offline-") ? submission.id().substring(8) : submission.id();
                payload.put(field, template.replace("{writeId}", submission.id()).replace("{writeUuid}", uuid));
            }
        });
        return payload;
    }

    private static BatchItemResult rejected(int index, String id, HandOverRejected rejection) {
        return new BatchItemResult(index, id, null, rejection);
    }

    private static String idOf(Object raw) {
        var object = network.ohc.caresync.application.json.Json.asObject(raw);
        return object != null && object.get("id") instanceof String s ? s : null;
    }
}
