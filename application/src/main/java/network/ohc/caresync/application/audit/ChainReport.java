package network.ohc.caresync.application.audit;

import java.util.List;

/**
 * What a walk over the seals found: how many events were checked, how many were stored before sealing began (and so
 * cannot be checked), how many breaks there are, and the first of them.
 */
public record ChainReport(long checked, long unsealed, long breakCount, List<ChainBreak> breaks) {
}
