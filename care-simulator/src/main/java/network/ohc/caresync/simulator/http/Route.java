package network.ohc.caresync.simulator.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A method and a path template such as {@code /api/v1/patient/{id}/}, and what handles it. */
public record Route(String method, String template, Access access, Endpoint endpoint, Pattern pattern,
                   List<String> variables) {

    private static final Pattern VARIABLE = Pattern.compile("\\{([a-zA-Z]+)}");

    public static Route of(String method, String template, Access access, Endpoint endpoint) {
        StringBuilder regex = new StringBuilder();
        List<String> variables = new ArrayList<>();
        Matcher matcher = VARIABLE.matcher(template);
        int last = 0;
        while (matcher.find()) {
            regex.append(Pattern.quote(template.substring(last, matcher.start())));
            regex.append("([^/]+)");
            variables.add(matcher.group(1));
            last = matcher.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        return new Route(method, template, access, endpoint, Pattern.compile(regex.toString()), List.copyOf(variables));
    }

    /** The path variables when {@code path} fits this route's template. */
    public Optional<Map<String, String>> match(String path) {
        Matcher matcher = pattern.matcher(path);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < variables.size(); i++) {
            values.put(variables.get(i), matcher.group(i + 1));
        }
        return Optional.of(values);
    }
}
