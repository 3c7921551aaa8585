package network.ohc.caresync.api.config;

import network.ohc.caresync.application.audit.AuditIndex;
import network.ohc.caresync.application.audit.AuditIndexProjection;
import network.ohc.caresync.application.audit.AuditLog;
import network.ohc.caresync.application.audit.EventChain;
import network.ohc.caresync.application.audit.ProjectionRebuilds;
import network.ohc.caresync.application.audit.WriteAtMoment;
import network.ohc.caresync.infrastructure.audit.EventSeal;
import network.ohc.caresync.infrastructure.audit.JdbcAuditIndex;
import network.ohc.caresync.infrastructure.audit.JdbcAuditLog;
import network.ohc.caresync.infrastructure.audit.JdbcEventChain;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;

/** The auditors' side: the event history, a write at any moment, the seals, and projection rebuilds. */
@Configuration(proxyBeanMethods = false)
public class AuditWiring {

    @Bean
    public AuditIndex auditIndex(JdbcTemplate jdbc) {
        return new JdbcAuditIndex(jdbc);
    }

    @Bean
    public AuditIndexProjection auditIndexProjection(AuditIndex index) {
        return new AuditIndexProjection(index);
    }

    @Bean
    public AuditLog auditLog(DataSource dataSource, PlatformTransactionManager transactions) {
        return new JdbcAuditLog(dataSource, readOnly(transactions));
    }

    @Bean
    public EventChain eventChain(DataSource dataSource, PlatformTransactionManager transactions, EventSeal seal) {
        return new JdbcEventChain(dataSource, readOnly(transactions), seal);
    }

    @Bean
    public WriteAtMoment writeAtMoment(EventStore eventStore, AuditLog log) {
        return new WriteAtMoment(eventStore, log);
    }

    @Bean
    public ProjectionRebuilds projectionRebuilds(org.axonframework.config.Configuration axon, EventStore eventStore) {
        return new ProjectionRebuilds(axon::eventProcessingConfiguration, eventStore);
    }

    private static TransactionTemplate readOnly(PlatformTransactionManager transactions) {
        TransactionTemplate template = new TransactionTemplate(transactions);
        template.setReadOnly(true);
        return template;
    }
}
