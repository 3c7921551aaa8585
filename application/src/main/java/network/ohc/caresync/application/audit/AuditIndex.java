package network.ohc.caresync.application.audit;

import java.util.Collection;

/**
 * Port: the auditors' index of writes, so a query by user, device or resource need not read every payload. Every
 * call is idempotent.
 */
public interface AuditIndex {

    void written(String writeId, String userId, String deviceId);

    void mentions(String writeId, Collection<String> resources);

    void deleteAll();
}
