package uk.sen.notification.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which channel a message goes by. A rule may fix the channel (staff alerts by EMAIL) or follow the recipient's
 * preference; a preference the trust's provider cannot serve, or the recipient has no address for, falls back to
 * email, then text message, so a parent who prefers post still hears in time.
 */
public final class ChannelChoice {

    /** The chosen channel, or none with the reason. */
    public record Choice(Channel channel, String reason) {
        public boolean found() {
            return channel != null;
        }
    }

    public static final String PREFERRED = "PREFERRED";

    private ChannelChoice() {
    }

    /**
     * @param ruleChannel PREFERRED, EMAIL or SMS
     * @param preferred   the recipient's preference (null for staff, who are reached by email)
     * @param reachable   the channels the recipient has an address for
     * @param provider    the channels the trust's provider can send
     */
    public static Choice choose(String ruleChannel, Channel preferred, Set<Channel> reachable, Set<Channel> provider) {
        Set<Channel> candidates = new LinkedHashSet<>();
        if (PREFERRED.equals(ruleChannel)) {
            if (preferred != null) {
                candidates.add(preferred);
            }
            candidates.add(Channel.EMAIL);
            candidates.add(Channel.SMS);
        } else {
            candidates.add(Channel.valueOf(ruleChannel));
        }
        List<String> why = new ArrayList<>();
        for (Channel c : candidates) {
            if (!provider.contains(c)) {
                why.add(c + ": " + (c == Channel.POST ? "letters are not sent by this service"
                        : "the trust's provider cannot send it"));
            } else if (!reachable.contains(c)) {
                why.add(c + ": no " + (c == Channel.EMAIL ? "email address" : c == Channel.SMS ? "mobile number"
                        : "postal address"));
            } else {
                return new Choice(c, null);
            }
        }
        return new Choice(null, "no channel to reach the recipient (" + why.stream().collect(Collectors.joining("; "))
                + ")");
    }
}
