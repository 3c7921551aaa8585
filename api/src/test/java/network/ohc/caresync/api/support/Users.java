package network.ohc.caresync.api.support;

/** The simulator's demo users and their fixed CARE ids. */
public final class Users {

    public static final String ASHA = "nurse.asha";
    public static final String ASHA_ID = "db28c49e-37b7-4a8a-812b-49a13499eb82";
    public static final String RAVI = "doctor.ravi";
    public static final String RAVI_ID = "a4ac149e-28ee-4d14-9af4-0b94634cfcf1";
    public static final String MEENA = "nurse.meena";
    public static final String MEENA_ID = "af11df83-35bc-479f-b7c1-eb7ba51d18ef";
    public static final String KIRAN = "admin.kiran";
    public static final String KIRAN_ID = "dd5b5e83-eca8-4b6f-8abc-6215d35094b9";

    private Users() {
    }
}
