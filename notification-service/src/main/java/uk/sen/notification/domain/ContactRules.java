package uk.sen.notification.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import uk.sen.platform.problem.Violation;

/**
 * What a contact must be to be stored: the rules shared by the contacts API and the CSV import, so both refuse a
 * bad value with the same field and reason.
 */
public final class ContactRules {

    /** A contact that passed the rules, with values normalised (E.164 mobile, postcode format, enums). */
    public record ValidContact(ContactKind kind, String name, Relationship relationship,
            Boolean parentalResponsibility, Agency agency, String organisation, String email, String mobile,
            String addressLine1, String addressLine2, String town, String postcode, Channel preferredChannel) {

        public boolean reachableBy(Channel channel) {
            return switch (channel) {
                case EMAIL -> email != null;
                case SMS -> mobile != null;
                case POST -> addressLine1 != null && postcode != null;
            };
        }
    }

    /** Either the valid contact or why not. */
    public record Checked(ValidContact contact, List<Violation> violations) {
        public boolean valid() {
            return violations.isEmpty();
        }
    }

    static final int MAX_NAME = 200;
    static final int MAX_LINE = 120;

    private ContactRules() {
    }

    public static Checked check(ContactInput in) {
        List<Violation> v = new ArrayList<>();
        ContactKind kind = parse(ContactKind.class, in.kind(), "kind", v, true);
        String name = text(in.name(), "name", MAX_NAME, v, true);

        Relationship relationship = null;
        Boolean responsibility = in.parentalResponsibility();
        Agency agency = null;
        String organisation = text(in.organisation(), "organisation", MAX_NAME, v, false);
        if (kind == ContactKind.PARENT_CARER) {
            relationship = parse(Relationship.class, in.relationship(), "relationship", v, true);
            if (responsibility == null) {
                v.add(new Violation("parentalResponsibility", "is required for a parent or carer (true or false)"));
            }
            if (present(in.agency())) {
                v.add(new Violation("agency", "is only for AGENCY contacts"));
            }
            if (organisation != null) {
                v.add(new Violation("organisation", "is only for AGENCY contacts"));
            }
        } else if (kind == ContactKind.AGENCY) {
            agency = parse(Agency.class, in.agency(), "agency", v, true);
            if (present(in.relationship())) {
                v.add(new Violation("relationship", "is only for PARENT_CARER contacts"));
            }
            if (responsibility != null) {
                v.add(new Violation("parentalResponsibility", "is only for PARENT_CARER contacts"));
            }
        }

        String email = null;
        if (present(in.email())) {
            Optional<String> problem = EmailAddress.problem(in.email());
            if (problem.isPresent()) {
                v.add(new Violation("email", problem.get()));
            } else {
                email = EmailAddress.normalise(in.email());
            }
        }
        String mobile = null;
        if (present(in.mobile())) {
            Optional<String> e164 = UkMobile.normalise(in.mobile());
            if (e164.isEmpty()) {
                v.add(new Violation("mobile", UkMobile.problem(in.mobile()).orElseThrow()));
            } else {
                mobile = e164.get();
            }
        }

        String line1 = text(in.addressLine1(), "addressLine1", MAX_LINE, v, false);
        String line2 = text(in.addressLine2(), "addressLine2", MAX_LINE, v, false);
        String town = text(in.town(), "town", MAX_LINE, v, false);
        String postcode = null;
        boolean anyAddress = line1 != null || line2 != null || town != null || present(in.postcode());
        if (anyAddress) {
            if (line1 == null) {
                v.add(new Violation("addressLine1", "is required when an address is given"));
            }
            if (!present(in.postcode())) {
                v.add(new Violation("postcode", "is required when an address is given"));
            } else {
                Optional<String> normal = UkPostcode.normalise(in.postcode());
                if (normal.isEmpty()) {
                    v.add(new Violation("postcode", "is not a UK postcode (e.g. NB1 2AB)"));
                } else {
                    postcode = normal.get();
                }
            }
        }

        Channel preferred = parse(Channel.class, in.preferredChannel(), "preferredChannel", v, true);
        if (preferred != null) {
            boolean hasIt = switch (preferred) {
                case EMAIL -> present(in.email());
                case SMS -> present(in.mobile());
                case POST -> anyAddress;
            };
            if (!hasIt) {
                String needs = switch (preferred) {
                    case EMAIL -> "an email";
                    case SMS -> "a mobile number";
                    case POST -> "a postal address";
                };
                v.add(new Violation("preferredChannel", preferred + " needs " + needs));
            }
        }
        if (!v.isEmpty()) {
            return new Checked(null, List.copyOf(v));
        }
        return new Checked(new ValidContact(kind, name, relationship, kind == ContactKind.PARENT_CARER ? responsibility
                : null, agency, organisation, email, mobile, line1, line2, town, postcode, preferred), List.of());
    }

    /** Reads a coded value, or records why not (with the values allowed). */
    public static <E extends Enum<E>> E parse(Class<E> type, String value, String field, List<Violation> v,
            boolean required) {
        if (!present(value)) {
            if (required) {
                v.add(new Violation(field, "is required (one of " + allowed(type) + ")"));
            }
            return null;
        }
        String code = value.trim().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        try {
            return Enum.valueOf(type, code);
        } catch (IllegalArgumentException e) {
            v.add(new Violation(field, "unknown value '" + value.trim() + "' (one of " + allowed(type) + ")"));
            return null;
        }
    }

    public static <E extends Enum<E>> String allowed(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    }

    private static String text(String value, String field, int max, List<Violation> v, boolean required) {
        if (!present(value)) {
            if (required) {
                v.add(new Violation(field, "is required"));
            }
            return null;
        }
        String trimmed = value.trim();
        if (trimmed.length() > max) {
            v.add(new Violation(field, "is longer than " + max + " characters"));
            return null;
        }
        if (trimmed.chars().anyMatch(c -> Character.isISOControl(c))) {
            v.add(new Violation(field, "must not contain control characters or line breaks"));
            return null;
        }
        return trimmed;
    }

    static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
