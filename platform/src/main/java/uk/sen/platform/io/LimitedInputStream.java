package uk.sen.platform.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import uk.sen.platform.problem.ProblemException;

/**
 * Reads at most {@code limit} bytes, so an upload larger than allowed is refused before it fills memory or disk: a
 * body sent without its length (chunked) is refused as soon as it passes the limit, without being read to its end.
 */
public final class LimitedInputStream extends FilterInputStream {

    /** Thrown (as an IOException, so any parser passes it on) once the limit is passed. */
    public static final class TooLarge extends IOException {
        TooLarge(long limit) {
            super("The file is larger than " + limit + " bytes");
        }
    }

    private final long limit;
    private long count;
    private boolean exceeded;

    public LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    public boolean exceeded() {
        return exceeded;
    }

    /** The refusal to answer when the limit was passed. */
    public ProblemException refusal() {
        return tooLarge(limit);
    }

    public static ProblemException tooLarge(long limit) {
        return new ProblemException(413, "file-too-large", "File too large", "The file is larger than "
                + describe(limit) + ", the most this service accepts; nothing was imported.", List.of());
    }

    private static String describe(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB" : bytes + " bytes";
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        count(skipped);
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void count(long n) throws TooLarge {
        count += n;
        if (count > limit) {
            exceeded = true;
            throw new TooLarge(limit);
        }
    }
}
