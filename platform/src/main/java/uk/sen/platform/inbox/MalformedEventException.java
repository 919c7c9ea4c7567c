package uk.sen.platform.inbox;

/** An event that can never be applied as it is; it goes to the dead-letter topic rather than being retried. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
