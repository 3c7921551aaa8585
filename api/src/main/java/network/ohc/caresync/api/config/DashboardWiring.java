package network.ohc.caresync.api.config;

import network.ohc.caresync.application.dashboard.DashboardFigures;
import network.ohc.caresync.application.dashboard.FacilityDashboard;
import network.ohc.caresync.application.sync.ConnectivityMonitor;
import network.ohc.caresync.application.sync.SyncDispatcher;
import network.ohc.caresync.application.view.WriteViewStore;
import network.ohc.caresync.infrastructure.dashboard.JdbcDashboardFigures;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.time.Clock;

/** The facility dashboard: its figures from PostgreSQL, its live parts from the sync engine. */
@Configuration(proxyBeanMethods = false)
public class DashboardWiring {

    @Bean
    public DashboardFigures dashboardFigures(NamedParameterJdbcTemplate jdbc) {
        return new JdbcDashboardFigures(jdbc);
    }

    @Bean
    public FacilityDashboard facilityDashboard(WriteViewStore views, DashboardFigures figures,
                                               ConnectivityMonitor connectivity, SyncDispatcher dispatcher,
                                               Clock clock) {
        return new FacilityDashboard(views, figures, connectivity, dispatcher::inFlightCount, clock);
    }
}
