package network.ohc.caresync.api.web;

import network.ohc.caresync.application.cache.PersistedClients;
import network.ohc.caresync.application.write.FieldError;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The TanStack Query persister, per signed-in user: {@code PUT} is {@code persistClient}, {@code GET} is
 * {@code restoreClient} (with the {@code buster} and {@code maxAge} in milliseconds the app uses), {@code DELETE} is
 * {@code removeClient}.
 */
@RestController
@RequestMapping("/api/v1/persisted-client")
public class PersistedClientController {

    private final PersistedClients clients;

    public PersistedClientController(PersistedClients clients) {
        this.clients = clients;
    }

    @PutMapping
    public Map<String, Object> persist(@RequestBody Object body) {
        int kept = clients.persist(Callers.current().userId(), body);
        return Map.of("queriesKept", kept);
    }

    @GetMapping
    public ResponseEntity<Object> restore(@RequestParam(required = false) String buster,
                                          @RequestParam(required = false) Long maxAge) {
        if (maxAge != null && maxAge < 0) {
            return ResponseEntity.badRequest().body(Problems.withErrors(Problems.of(HttpStatus.BAD_REQUEST,
                            "invalid-request", "Bad Request", "maxAge: milliseconds, not negative"),
                    List.of(new FieldError("maxAge", "milliseconds, not negative"))));
        }
        PersistedClients.Restore restore = clients.restore(Callers.current().userId(), buster,
                maxAge == null ? null : Duration.ofMillis(maxAge));
        if (restore.client() == null) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Problems.of(HttpStatus.NOT_FOUND,
                    "no-persisted-client", "Not Found", restore.missing()));
        }
        return ResponseEntity.ok(PersistedClients.document(restore.client()));
    }

    @DeleteMapping
    public ResponseEntity<Void> remove() {
        clients.remove(Callers.current().userId());
        return ResponseEntity.noContent().build();
    }
}
