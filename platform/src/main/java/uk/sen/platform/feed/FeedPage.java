package uk.sen.platform.feed;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the feed answers: the events after the cursor, and the cursor to ask with next time. */
@Schema(name = "FeedPage")
public record FeedPage(
        @Schema(description = "The events after the cursor, oldest first, in the order they were published") List<FeedEvent> items,
        @Schema(description = """
                The cursor to pass as after next time: after the last event listed, or the one you gave when there \
                is nothing new. Keep it; it names no record and no person.""") String next,
        @Schema(description = "Whether more events are waiting now (ask again at once with next)") boolean more) {
}
