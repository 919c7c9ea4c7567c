package uk.sen.review.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Basic;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Table;

import uk.sen.platform.persistence.SchoolRecord;

/**
 * What one contributor gave: a teacher's comments on each outcome, a parent's views, an agency's advice and report.
 * {@code contributor} is the teacher's account or the contact's id the link was sent to.
 */
@Entity
@Table(name = "contribution")
public class Contribution extends SchoolRecord {

    public UUID requestId;
    public String contributor;
    /** A teacher's general comments, a parent's views (what is going well), an agency's advice. */
    public String views;
    /** A parent's concerns. */
    public String concerns;
    /** A parent's hopes and what they would like to happen. */
    public String hopes;
    /** A teacher's comments per outcome, as JSON. */
    public String outcomes;
    /** An agency's report, a PDF; read only when asked for. */
    @Basic(fetch = FetchType.LAZY)
    public byte[] report;
    public Integer reportBytes;
    public Instant receivedAt;
    /** The day the SENCO circulated it with the advice for the meeting. */
    public LocalDate sharedOn;
}
