package uk.sen.review.domain;

import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import uk.sen.platform.persistence.SchoolRecord;

/** A pupil's one-page profile in their own words, as the SENCO records it with them. */
@Entity
@Table(name = "pupil_profile")
public class PupilProfile extends SchoolRecord {

    public UUID pupilId;
    /** The name the pupil likes to be called, for the printed page. */
    public String knownAs;
    public String aboutMe;
    public String whatHelps;
    public String whatDoesNotHelp;
    public String updatedBy;
}
