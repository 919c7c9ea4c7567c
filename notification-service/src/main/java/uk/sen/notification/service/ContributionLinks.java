package uk.sen.notification.service;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import uk.sen.notification.config.NotificationConfig;
import uk.sen.platform.security.SignedLinks;

/**
 * The link in a request for a parent's views or an agency's advice: the recipient's own address of the form
 * review-service serves, {@code {base}/contribute/{token}}, the token naming the request and the contact it is sent
 * to ({@link SignedLinks}). Whoever holds it can answer as that contact, so it is minted when the message is planned
 * (no event carries it), is never logged, and the delivery log shows it with its token hidden.
 */
@ApplicationScoped
public class ContributionLinks {

    static final String PATH = "/contribute/";
    /** What the delivery log shows instead of a token. */
    public static final String HIDDEN = "[hidden]";
    private static final Pattern TOKEN = Pattern.compile(Pattern.quote(PATH) + "[A-Za-z0-9_-]{"
            + SignedLinks.TOKEN_LENGTH + "}");

    @Inject
    SignedLinks signedLinks;

    @Inject
    NotificationConfig config;

    /** The form of request {@code requestId} for contact {@code contactId}. */
    public String link(UUID requestId, UUID contactId) {
        String base = config.contributionBaseUrl().strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + PATH + signedLinks.mint(requestId, contactId);
    }

    /** The text with the token of each contribution link in it replaced by {@link #HIDDEN}, to show staff. */
    public static String hidden(String text) {
        return text == null ? null : TOKEN.matcher(text).replaceAll(PATH + HIDDEN);
    }
}
