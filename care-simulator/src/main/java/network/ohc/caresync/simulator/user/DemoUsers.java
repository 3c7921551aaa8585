package network.ohc.caresync.simulator.user;

import java.util.List;
import java.util.UUID;

/** The accounts the simulator starts with; their ids are fixed so that scripts can name them. */
public final class DemoUsers {

    public static final String PASSWORD = "care-demo-1";

    public static final User NURSE_ASHA = new User(
            UUID.fromString("db28c49e-37b7-4a8a-812b-49a13499eb82"), "nurse.asha", "Asha", "Nair", "nurse");
    public static final User DOCTOR_RAVI = new User(
            UUID.fromString("a4ac149e-28ee-4d14-9af4-0b94634cfcf1"), "doctor.ravi", "Ravi", "Kumar", "doctor");
    public static final User NURSE_MEENA = new User(
            UUID.fromString("af11df83-35bc-479f-b7c1-eb7ba51d18ef"), "nurse.meena", "Meena", "Pillai", "nurse");
    public static final User ADMIN_KIRAN = new User(
            UUID.fromString("dd5b5e83-eca8-4b6f-8abc-6215d35094b9"), "admin.kiran", "Kiran", "Rao", "administrator");

    public static final List<User> ALL = List.of(NURSE_ASHA, DOCTOR_RAVI, NURSE_MEENA, ADMIN_KIRAN);

    private DemoUsers() {
    }
}
