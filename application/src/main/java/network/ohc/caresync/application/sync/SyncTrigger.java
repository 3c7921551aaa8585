package network.ohc.caresync.application.sync;

/** Something that wants a sync pass to look for work now (a new write, a released write, a button). */
@FunctionalInterface
public interface SyncTrigger {

    void wake();
}
