package uk.sen.platform.problem;

/** One reason a request was refused: the field (JSON path, query parameter or CSV column) and why. */
public record Violation(String field, String reason) {
}
