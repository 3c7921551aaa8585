package network.ohc.caresync.application.route;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A path such as {@code /api/v1/patient/{id}/} with named parameters. */
public final class PathTemplate {

    private static final Pattern PARAMETER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private final String template;
    private final List<String> parameters;
    private final Pattern matcher;

    private PathTemplate(String template) {
        this.template = template;
        List<String> names = new ArrayList<>();
        Matcher m = PARAMETER.matcher(template);
        StringBuilder regex = new StringBuilder("^");
        int last = 0;
        while (m.find()) {
            names.add(m.group(1));
            regex.append(Pattern.quote(template.substring(last, m.start()))).append("([^/]+)");
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last))).append("$");
        this.parameters = List.copyOf(names);
        this.matcher = Pattern.compile(regex.toString());
    }

    public static PathTemplate of(String template) {
        return new PathTemplate(template);
    }

    public String template() {
        return template;
    }

    public List<String> parameters() {
        return parameters;
    }

    /** Fills the parameters; a missing one is an {@link IllegalArgumentException} naming it. */
    public String fill(Map<String, ?> values, boolean encode) {
        Matcher m = PARAMETER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object value = values.get(m.group(1));
            if (value == null || value.toString().isBlank()) {
                throw new IllegalArgumentException("missing path parameter '" + m.group(1) + "'");
            }
            String text = value.toString();
            m.appendReplacement(out, Matcher.quoteReplacement(
                    encode ? URLEncoder.encode(text, StandardCharsets.UTF_8) : text));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The parameters of a concrete path, when it matches this template. */
    public Optional<Map<String, String>> match(String path) {
        Matcher m = matcher.matcher(path);
        if (!m.matches()) {
            return Optional.empty();
        }
        Map<String, String> values = new java.util.LinkedHashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            values.put(parameters.get(i), m.group(i + 1));
        }
        return Optional.of(values);
    }

    @Override
    public String toString() {
        return template;
    }
}
