package network.ohc.caresync.simulator.fault;

import java.util.List;

/** A {@code PUT /__sim/faults} body that names an unknown field or a value out of range. */
public class InvalidFaultSettings extends RuntimeException {

    private final List<String> problems;

    public InvalidFaultSettings(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
