package network.ohc.caresync.application.route;

import java.util.List;
import java.util.Map;

/**
 * How to find the record an in-doubt create may have made: a list request (path and query templates filled
 * from the write) whose results are matched on the listed payload fields, and optionally on the creating user.
 */
public record Lookup(String path, Map<String, String> query, List<String> match, boolean createdByUser) {

    public Lookup {
        query = query == null ? Map.of() : Map.copyOf(query);
        match = match == null ? List.of() : List.copyOf(match);
    }
}
