package uk.sen.register.config;

import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "sen.register")
public interface RegisterConfig {

    /**
     * LA numbers accepted in characters 2-4 of a UPN, as inclusive ranges "from-to". The default covers the
     * 3-digit numbers the DfE has used for English and Welsh LAs and their predecessors (200 to 999).
     */
    @WithDefault("200-999")
    List<String> upnLaRanges();

    default boolean recognisedLa(int code) {
        for (String range : upnLaRanges()) {
            String[] bounds = range.split("-");
            int from = Integer.parseInt(bounds[0].trim());
            int to = bounds.length > 1 ? Integer.parseInt(bounds[1].trim()) : from;
            if (code >= from && code <= to) {
                return true;
            }
        }
        return false;
    }
}
