package network.ohc.caresync.simulator.datapoint;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import network.ohc.caresync.simulator.store.RecordClock;
import network.ohc.caresync.simulator.store.RecordSource;
import network.ohc.caresync.simulator.store.Store;
import network.ohc.caresync.simulator.store.Table;
import network.ohc.caresync.simulator.user.UserDirectory;
import network.ohc.caresync.simulator.user.UserJson;
import org.springframework.stereotype.Component;

/** The datapoints of every kind, indexed by kind and patient, and how the API shows them. */
@Component
class Datapoints implements RecordSource {

    private static final String BY_KIND_AND_PATIENT = "kind_patient";

    private final Table<Datapoint> table;
    private final UserDirectory users;

    Datapoints(Store store, UserDirectory users) {
        this.table = store.newTable(Datapoint::id, Datapoint::kind,
                Map.of(BY_KIND_AND_PATIENT, d -> key(d.kind(), d.patientId())));
        this.users = users;
    }

    private static String key(String kind, UUID patientId) {
        return kind + "|" + patientId;
    }

    Table<Datapoint> table() {
        return table;
    }

    List<Datapoint> of(String kind, UUID patientId) {
        return table.findByIndex(BY_KIND_AND_PATIENT, key(kind, patientId));
    }

    ObjectNode render(Datapoint datapoint) {
        ObjectNode node = datapoint.fields().deepCopy();
        node.put("id", datapoint.id().toString());
        node.put("patient", datapoint.patientId().toString());
        node.put("encounter", datapoint.encounterId().toString());
        node.put("created_date", RecordClock.format(datapoint.createdDate()));
        node.put("modified_date", RecordClock.format(datapoint.modifiedDate()));
        node.set("created_by", users.byId(datapoint.createdBy()).map(UserJson::summary).orElse(null));
        node.set("updated_by", users.byId(datapoint.updatedBy()).map(UserJson::summary).orElse(null));
        return node;
    }

    @Override
    public List<String> kinds() {
        return DatapointKind.ALL.stream().map(DatapointKind::name).toList();
    }

    @Override
    public List<ObjectNode> render(String kind) {
        return table.all().stream().filter(d -> d.kind().equals(kind)).map(this::render).toList();
    }
}
