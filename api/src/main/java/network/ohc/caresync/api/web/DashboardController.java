package network.ohc.caresync.api.web;

import network.ohc.caresync.application.dashboard.Dashboard;
import network.ohc.caresync.application.dashboard.FacilityDashboard;
import network.ohc.caresync.application.dashboard.RecentProblem;
import network.ohc.caresync.application.dashboard.UserBacklog;
import network.ohc.caresync.domain.write.WriteStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The facility dashboard as data, for administrators (times in milliseconds since the epoch, durations in seconds). */
@RestController
public class DashboardController {

    private final FacilityDashboard dashboard;

    public DashboardController(FacilityDashboard dashboard) {
        this.dashboard = dashboard;
    }

    @GetMapping("/api/v1/admin/dashboard")
    public Map<String, Object> dashboard() {
        Dashboard d = dashboard.now();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("at", millis(d.at()));
        answer.put("backlog", byStatus(d.backlog()));
        answer.put("byUser", d.byUser().stream().map(DashboardController::user).toList());
        Map<String, Object> upstream = new LinkedHashMap<>();
        upstream.put("state", d.upstream().state().name().toLowerCase());
        upstream.put("since", millis(d.upstream().since()));
        upstream.put("inFlight", d.upstream().inFlight());
        answer.put("upstream", upstream);
        answer.put("oldestWaitingSince", millis(d.oldestWaitingSince()));
        answer.put("oldestWaitingAgeSeconds", d.oldestWaitingSince() == null ? null
                : Math.max(0, Duration.between(d.oldestWaitingSince(), d.at()).toSeconds()));
        Map<String, Object> throughput = new LinkedHashMap<>();
        throughput.put("from", millis(d.throughput().from()));
        throughput.put("bucketSeconds", d.throughput().bucket().toSeconds());
        throughput.put("counts", d.throughput().counts());
        throughput.put("total", d.throughput().total());
        answer.put("throughput", throughput);
        Map<String, Object> drain = new LinkedHashMap<>();
        drain.put("waiting", d.drain().waiting());
        drain.put("windowSeconds", d.drain().window().toSeconds());
        drain.put("perMinute", Math.round(d.drain().perMinute() * 100) / 100.0);
        drain.put("estimateSeconds", d.drain().estimate() == null ? null : d.drain().estimate().toSeconds());
        answer.put("drain", drain);
        answer.put("recentProblems", d.recentProblems().stream().map(DashboardController::problem).toList());
        return answer;
    }

    private static Map<String, Object> byStatus(Map<WriteStatus, Long> counts) {
        Map<String, Object> byStatus = new LinkedHashMap<>();
        for (WriteStatus status : WriteStatus.values()) {
            byStatus.put(status.wireName(), counts.getOrDefault(status, 0L));
        }
        return byStatus;
    }

    private static Map<String, Object> user(UserBacklog backlog) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("userId", backlog.userId());
        user.put("username", backlog.username());
        Map<String, Object> counts = byStatus(backlog.counts());
        counts.remove(WriteStatus.SUCCESS.wireName());
        counts.remove(WriteStatus.DISCARDED.wireName());
        user.put("counts", counts);
        user.put("total", backlog.total());
        return user;
    }

    private static Map<String, Object> problem(RecentProblem p) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("id", p.writeId());
        problem.put("userId", p.userId());
        problem.put("username", p.username());
        problem.put("syncrouteKey", p.syncRouteKey());
        problem.put("resourceType", p.resourceType());
        problem.put("syncStatus", p.status().wireName());
        problem.put("retryable", p.retryable());
        problem.put("retries", p.retries());
        problem.put("message", p.message());
        problem.put("at", millis(p.at()));
        return problem;
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }
}
