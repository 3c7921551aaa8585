package network.ohc.caresync.api.web;

import network.ohc.caresync.application.audit.ProjectionProgress;
import network.ohc.caresync.application.audit.ProjectionRebuilds;
import network.ohc.caresync.application.audit.RebuildRefused;
import network.ohc.caresync.application.audit.UnknownProjection;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.Map;

/** Administration (administrator role): rebuilding a projection from the first event, and watching it. */
@RestController
@RequestMapping("/api/v1/admin/projections")
public class AdminController {

    private final ProjectionRebuilds rebuilds;

    public AdminController(ProjectionRebuilds rebuilds) {
        this.rebuilds = rebuilds;
    }

    @GetMapping
    public Map<String, Object> projections() {
        return Map.of("projections", rebuilds.names().stream().map(rebuilds::progress).toList());
    }

    @GetMapping("/{name}")
    public ProjectionProgress progress(@PathVariable String name) {
        return rebuilds.progress(name);
    }

    /** Empties the projection's tables and replays every event into them; 202 at once, the replay runs on. */
    @PostMapping("/{name}/rebuild")
    public ResponseEntity<ProjectionProgress> rebuild(@PathVariable String name) {
        ProjectionProgress progress = rebuilds.rebuild(name);
        return ResponseEntity.accepted().location(URI.create("/api/v1/admin/projections/" + name)).body(progress);
    }

    @ExceptionHandler(UnknownProjection.class)
    ProblemDetail unknown(UnknownProjection e) {
        ProblemDetail problem = Problems.of(HttpStatus.NOT_FOUND, "projection-not-found", "Not Found", e.getMessage());
        problem.setProperty("names", e.names());
        return problem;
    }

    @ExceptionHandler(RebuildRefused.class)
    ProblemDetail refused(RebuildRefused e) {
        return Problems.of(HttpStatus.CONFLICT, "rebuild-refused", "Conflict", e.getMessage());
    }
}
