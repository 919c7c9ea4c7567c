package uk.sen.platform.feed;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;

/**
 * A position in the event feed: after the event published in relay batch {@code batch} with outbox number
 * {@code seq}, at {@code sentAt}. Given to clients as an opaque token (URL-safe base64 of a version byte and the
 * three numbers), so its format can change; it names no record and no person.
 */
record FeedCursor(long batch, long seq, Instant sentAt) {

    private static final byte VERSION = 1;
    private static final int LENGTH = 1 + 3 * Long.BYTES;

    String token() {
        ByteBuffer bytes = ByteBuffer.allocate(LENGTH).put(VERSION).putLong(batch).putLong(seq)
                .putLong(sentAt.toEpochMilli());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    /** The position a token names; IllegalArgumentException if it is not a token this feed gives. */
    static FeedCursor of(String token) {
        byte[] bytes = Base64.getUrlDecoder().decode(token);
        if (bytes.length != LENGTH || bytes[0] != VERSION) {
            throw new IllegalArgumentException("not a feed cursor");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, 1, LENGTH - 1);
        FeedCursor cursor = new FeedCursor(in.getLong(), in.getLong(), Instant.ofEpochMilli(in.getLong()));
        if (cursor.batch < 0 || cursor.seq < 0 || cursor.sentAt.isAfter(Instant.now().plusSeconds(60))) {
            throw new IllegalArgumentException("not a feed cursor");
        }
        return cursor;
    }
}
