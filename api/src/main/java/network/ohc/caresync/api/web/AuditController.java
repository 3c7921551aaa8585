package network.ohc.caresync.api.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import network.ohc.caresync.application.audit.AuditEvent;
import network.ohc.caresync.application.audit.AuditFilter;
import network.ohc.caresync.application.audit.AuditLog;
import network.ohc.caresync.application.audit.AuditPage;
import network.ohc.caresync.application.audit.ChainReport;
import network.ohc.caresync.application.audit.EventChain;
import network.ohc.caresync.application.audit.EventTypes;
import network.ohc.caresync.application.audit.WriteAtMoment;
import network.ohc.caresync.application.view.WriteHistory;
import network.ohc.caresync.application.write.FieldError;
import network.ohc.caresync.application.write.HandOverRejected;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The auditors' API (auditor role): the event history as stored, filtered and paged in store order or exported as
 * NDJSON; a write as it stood at any moment; and a check of the events' tamper-evidence seals.
 */
@RestController
@RequestMapping("/api/v1/audit")
public class AuditController {

    static final String NDJSON = "application/x-ndjson";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AuditController.class);
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;
    private static final int FLUSH_EVERY = 200;

    private final AuditLog log;
    private final WriteAtMoment moments;
    private final EventChain chain;
    private final ObjectMapper json;
    private final Clock clock;

    public AuditController(AuditLog log, WriteAtMoment moments, EventChain chain, ObjectMapper json, Clock clock) {
        this.log = log;
        this.moments = moments;
        this.chain = chain;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping("/events")
    public Map<String, Object> events(@RequestParam(required = false) String writeId,
                                      @RequestParam(required = false) String userId,
                                      @RequestParam(required = false) String deviceId,
                                      @RequestParam(required = false) String resource,
                                      @RequestParam(required = false) List<String> type,
                                      @RequestParam(required = false) String from,
                                      @RequestParam(required = false) String to,
                                      @RequestParam(required = false) String after,
                                      @RequestParam(required = false) String limit) {
        AuditFilter filter = filter(writeId, userId, deviceId, resource, type, from, to);
        int size = limit == null ? DEFAULT_LIMIT : number("limit", limit, 1, MAX_LIMIT).intValue();
        AuditPage page = log.page(filter, cursor(after), size);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("events", page.events().stream().map(AuditController::resource).toList());
        answer.put("next", page.next() == null ? null : String.valueOf(page.next()));
        return answer;
    }

    /** The same events as {@code /events}, all of them, one JSON object a line, streamed as they are read. */
    @GetMapping(value = "/events/export")
    public void export(@RequestParam(required = false) String writeId,
                       @RequestParam(required = false) String userId,
                       @RequestParam(required = false) String deviceId,
                       @RequestParam(required = false) String resource,
                       @RequestParam(required = false) List<String> type,
                       @RequestParam(required = false) String from,
                       @RequestParam(required = false) String to,
                       @RequestParam(required = false) String after,
                       HttpServletResponse response) throws IOException {
        AuditFilter filter = filter(writeId, userId, deviceId, resource, type, from, to);
        long start = cursor(after);
        response.setStatus(HttpStatus.OK.value());
        response.setContentType(NDJSON);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"care-sync-events.ndjson\"");
        OutputStream out = response.getOutputStream();
        long[] lines = {0};
        try {
            log.stream(filter, start, event -> {
                try {
                    out.write(json.writeValueAsBytes(resource(event)));
                    out.write('\n');
                    if (++lines[0] % FLUSH_EVERY == 0) {
                        out.flush();
                    }
                } catch (IOException e) {
                    throw new ReaderGone(e);
                }
            });
            out.flush();
        } catch (ReaderGone gone) {
            LOG.debug("an export stopped after {} events: its reader went away", lines[0]);
        }
    }

    /** The client of an export disconnected; there is nobody left to answer. */
    private static final class ReaderGone extends UncheckedIOException {
        ReaderGone(IOException cause) {
            super(cause);
        }
    }

    @GetMapping("/writes/{id}/state")
    public Map<String, Object> state(@PathVariable String id, @RequestParam(required = false) String at) {
        Instant moment = at == null ? clock.instant() : time("at", at);
        WriteAtMoment.Moment found = moments.of(id, moment).orElseThrow(() -> new NoWriteAtMoment(id, moment));
        Map<String, Object> write = WriteResources.of(found.view());
        write.put("asOf", moment.toString());
        write.put("history", found.events().stream().map(WriteHistory::entry).toList());
        return write;
    }

    @GetMapping("/verify")
    public Map<String, Object> verify(@RequestParam(required = false) String writeId) {
        ChainReport report = chain.verify(writeId == null || writeId.isBlank() ? null : writeId);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("checked", report.checked());
        answer.put("unsealed", report.unsealed());
        answer.put("breakCount", report.breakCount());
        answer.put("breaks", report.breaks());
        answer.put("verifiedAt", clock.instant().toString());
        return answer;
    }

    @org.springframework.web.bind.annotation.ExceptionHandler(NoWriteAtMoment.class)
    ProblemDetail noWrite(NoWriteAtMoment e) {
        return Problems.of(HttpStatus.NOT_FOUND, "write-not-found", "Not Found", e.getMessage());
    }

    static Map<String, Object> resource(AuditEvent event) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("globalIndex", event.globalIndex());
        e.put("type", event.type());
        e.put("revision", event.revision());
        e.put("timestamp", event.timestamp().toString());
        e.put("aggregateId", event.aggregateId());
        e.put("sequence", event.sequence());
        e.put("payload", event.payload());
        e.put("metadata", event.metadata());
        return e;
    }

    private static AuditFilter filter(String writeId, String userId, String deviceId, String resource,
                                      List<String> types, String from, String to) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> payloadTypes = new LinkedHashSet<>();
        if (types != null) {
            for (String name : types) {
                for (String part : name.split(",")) {
                    if (part.isBlank()) {
                        continue;
                    }
                    EventTypes.payloadTypeOf(part.trim()).ifPresentOrElse(payloadTypes::add, () -> errors.add(
                            new FieldError("type", "no event is called '" + part.trim()
                                    + "'; use an event's simple name such as SyncAttempted or OfflineWriteCreated")));
                }
            }
        }
        Instant start = null;
        Instant end = null;
        try {
            start = from == null ? null : time("from", from);
        } catch (HandOverRejected e) {
            errors.addAll(e.errors());
        }
        try {
            end = to == null ? null : time("to", to);
        } catch (HandOverRejected e) {
            errors.addAll(e.errors());
        }
        if (start != null && end != null && !end.isAfter(start)) {
            errors.add(new FieldError("to", "must be after 'from'"));
        }
        if (!errors.isEmpty()) {
            throw HandOverRejected.invalid(errors);
        }
        return new AuditFilter(blankToNull(writeId), blankToNull(userId), blankToNull(deviceId),
                blankToNull(resource), payloadTypes, start, end);
    }

    private static long cursor(String after) {
        return after == null || after.isBlank() ? 0 : number("after", after, 0, Long.MAX_VALUE);
    }

    private static Long number(String field, String text, long min, long max) {
        try {
            long value = Long.parseLong(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw HandOverRejected.invalid(List.of(new FieldError(field, max == Long.MAX_VALUE
                ? "a whole number, " + min + " or more (the 'next' of the previous page)"
                : "a whole number from " + min + " to " + max)));
    }

    private static Instant time(String field, String text) {
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException notUtc) {
            try {
                return OffsetDateTime.parse(text.trim()).toInstant();
            } catch (DateTimeParseException e) {
                throw HandOverRejected.invalid(List.of(new FieldError(field,
                        "an ISO-8601 time such as 2026-11-01T09:30:00Z or 2026-11-01T15:00:00+05:30")));
            }
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The write did not exist (yet) at the moment asked for. */
    static class NoWriteAtMoment extends RuntimeException {
        NoWriteAtMoment(String id, Instant moment) {
            super("no write " + id + " existed at " + moment);
        }
    }
}
