package network.ohc.caresync.api.web;

import network.ohc.caresync.application.sync.ConnectivityMonitor;
import network.ohc.caresync.application.sync.SyncDispatcher;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.Map;

/** Starting a sync pass by hand, and whether CARE is reachable. */
@RestController
@RequestMapping("/api/v1/sync")
public class SyncController {

    private final SyncDispatcher dispatcher;
    private final ConnectivityMonitor connectivity;

    public SyncController(SyncDispatcher dispatcher, ConnectivityMonitor connectivity) {
        this.dispatcher = dispatcher;
        this.connectivity = connectivity;
    }

    @PostMapping("/run")
    public ResponseEntity<Map<String, Object>> run() {
        connectivity.probeNow();
        dispatcher.runPass();
        return ResponseEntity.accepted().body(state());
    }

    @GetMapping("/connectivity")
    public Map<String, Object> connectivity() {
        return state();
    }

    private Map<String, Object> state() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("upstream", connectivity.state().name().toLowerCase());
        state.put("since", connectivity.since().toString());
        state.put("inFlight", dispatcher.inFlightCount());
        return state;
    }
}
