package uk.sen.register.exchange;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import uk.sen.platform.problem.ProblemException;

/**
 * Reads a Common Transfer File one pupil at a time (StAX), so a file's size never decides memory use. Only the parts
 * the register keeps are read: the header's source and destination schools, and each pupil's identity, year group
 * and SEN history. Any other element is skipped whole, since the CTF gains elements every year. DTDs are refused and
 * external entities never resolved, so a crafted file cannot read the server's files or exhaust it (XXE, entity
 * expansion).
 */
public final class CtfReader implements AutoCloseable {

    public record School(String la, String estab, String urn, String name) {
    }

    /** The header; {@code createdAt} as written (CTF: yyyy-MM-ddTHH:mm:ss). */
    public record Header(School source, School dest, String createdAt) {
    }

    /** A {@code SEN} element, as written; {@code index} is its 1-based position in the pupil's SENhistory. */
    public record SenEntry(int index, String startDate, String provision) {
    }

    public record SenNeed(int index, String rank, String type) {
    }

    /** A pupil as written in the file, values trimmed, null when absent; {@code index} is 1-based. */
    public record Pupil(int index, String upn, String surname, String forename, String dateOfBirth, String sex,
            String ncYear, List<SenEntry> sen, List<SenNeed> needs) {
    }

    private static final XMLInputFactory FACTORY = secureFactory();

    private final XMLStreamReader xml;
    private Header header;
    private boolean inPupilData;
    private boolean finished;
    private final java.util.SortedSet<String> skipped = new java.util.TreeSet<>();
    private static final int MAX_SKIPPED_LISTED = 100;
    private int pupils;

    public CtfReader(InputStream in) {
        try {
            this.xml = FACTORY.createXMLStreamReader(in);
        } catch (XMLStreamException e) {
            throw notXml(e);
        }
    }

    private static XMLInputFactory secureFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    /** The header; it must come before the pupils, as the destination decides where they go. */
    public Header header() {
        if (header != null) {
            return header;
        }
        try {
            int event = nextTag();
            if (event != XMLStreamConstants.START_ELEMENT || !"CTfile".equals(xml.getLocalName())) {
                throw invalid("The file is not a Common Transfer File: its root element is <"
                        + (event == XMLStreamConstants.START_ELEMENT ? xml.getLocalName() : "?") + ">, not <CTfile>.");
            }
            while ((event = nextTag()) == XMLStreamConstants.START_ELEMENT) {
                String name = xml.getLocalName();
                if ("Header".equals(name)) {
                    header = readHeader();
                    return header;
                }
                if ("CTFpupilData".equals(name)) {
                    break;
                }
                skip();
            }
            throw invalid("The Common Transfer File has no <Header> before its pupils.");
        } catch (XMLStreamException e) {
            throw notXml(e);
        }
    }

    /** The next pupil, or null when there are no more (the rest of the file is still checked to be XML). */
    public Pupil next() {
        header();
        try {
            while (!finished) {
                int event = nextTag();
                if (event == XMLStreamConstants.END_ELEMENT) {
                    if (inPupilData) {
                        inPupilData = false;
                        continue;
                    }
                    finish();
                    return null;
                }
                String name = xml.getLocalName();
                if (inPupilData && "Pupil".equals(name)) {
                    return readPupil(++pupils);
                }
                if (!inPupilData && "CTFpupilData".equals(name)) {
                    inPupilData = true;
                    continue;
                }
                skip();
            }
            return null;
        } catch (XMLStreamException e) {
            throw notXml(e);
        }
    }

    private void finish() throws XMLStreamException {
        while (xml.hasNext()) {
            if (xml.next() == XMLStreamConstants.DTD) {
                throw refuseDtd();
            }
        }
        finished = true;
    }

    private Header readHeader() throws XMLStreamException {
        School source = null;
        String destLa = null;
        String destEstab = null;
        String createdAt = null;
        while (nextTag() == XMLStreamConstants.START_ELEMENT) {
            switch (xml.getLocalName()) {
                case "DateTime" -> createdAt = text();
                case "SourceSchool" -> source = readSchool();
                case "DestSchool" -> {
                    School dest = readSchool();
                    destLa = dest.la();
                    destEstab = dest.estab();
                }
                case "DestLEA" -> destLa = text();
                case "DestEstab" -> destEstab = text();
                default -> skip();
            }
        }
        return new Header(source, new School(destLa, destEstab, null, null), createdAt);
    }

    private School readSchool() throws XMLStreamException {
        Map<String, String> v = children("LEA", "Estab", "URN", "SchoolName");
        return new School(v.get("LEA"), v.get("Estab"), v.get("URN"), v.get("SchoolName"));
    }

    private Pupil readPupil(int index) throws XMLStreamException {
        String[] v = new String[6];
        List<SenEntry> sen = new ArrayList<>();
        List<SenNeed> needs = new ArrayList<>();
        while (nextTag() == XMLStreamConstants.START_ELEMENT) {
            String name = xml.getLocalName();
            if ("BasicDetails".equals(name)) {
                while (nextTag() == XMLStreamConstants.START_ELEMENT) {
                    if (!readIdentity(xml.getLocalName(), v)) {
                        skip();
                    }
                }
            } else if ("SENhistory".equals(name)) {
                readHistory(sen, needs);
            } else if (!readIdentity(name, v)) {
                skip();
            }
        }
        return new Pupil(index, v[0], v[1], v[2], v[3], v[4], v[5], sen, needs);
    }

    /** Reads an identity element into {@code v} (UPN, surname, forename, DOB, sex, year); false if it is not one. */
    private boolean readIdentity(String name, String[] v) throws XMLStreamException {
        int slot = switch (name) {
            case "UPN" -> 0;
            case "Surname" -> 1;
            case "Forename" -> 2;
            case "DOB" -> 3;
            case "Sex", "Gender" -> 4;
            case "NCyearActual" -> 5;
            default -> -1;
        };
        if (slot < 0) {
            return false;
        }
        String value = text();
        if (v[slot] == null) {
            v[slot] = value;
        }
        return true;
    }

    private void readHistory(List<SenEntry> sen, List<SenNeed> needs) throws XMLStreamException {
        while (nextTag() == XMLStreamConstants.START_ELEMENT) {
            String name = xml.getLocalName();
            if ("SEN".equals(name)) {
                Map<String, String> v = children("StartDate", "SENprovision");
                sen.add(new SenEntry(sen.size() + 1, v.get("StartDate"), v.get("SENprovision")));
            } else if ("SENneeds".equals(name)) {
                while (nextTag() == XMLStreamConstants.START_ELEMENT) {
                    if (!"SENneed".equals(xml.getLocalName())) {
                        skip();
                        continue;
                    }
                    Map<String, String> v = children("SENtypeRank", "SENtype");
                    needs.add(new SenNeed(needs.size() + 1, v.get("SENtypeRank"), v.get("SENtype")));
                }
            } else {
                skip();
            }
        }
    }

    /**
     * The texts of the current element's children with these names (the last of each: a repeated element replaces
     * the one before), skipping every other child.
     */
    private Map<String, String> children(String... names) throws XMLStreamException {
        List<String> wanted = List.of(names);
        Map<String, String> values = new HashMap<>();
        while (nextTag() == XMLStreamConstants.START_ELEMENT) {
            String name = xml.getLocalName();
            if (wanted.contains(name)) {
                values.put(name, text());
            } else {
                skip();
            }
        }
        return values;
    }

    /** Moves to the next start or end tag, skipping text, comments and processing instructions. */
    private int nextTag() throws XMLStreamException {
        while (xml.hasNext()) {
            int event = xml.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT, XMLStreamConstants.END_ELEMENT:
                    return event;
                case XMLStreamConstants.DTD:
                    throw refuseDtd();
                case XMLStreamConstants.ENTITY_REFERENCE:
                    throw invalid("The file refers to an entity (&" + xml.getLocalName() + ";), which is not "
                            + "accepted.");
                default:
                    break;
            }
        }
        return XMLStreamConstants.END_DOCUMENT;
    }

    /** The text of the current element (its children's text, if any, ignored), trimmed; null when empty. */
    private String text() throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> depth++;
                case XMLStreamConstants.END_ELEMENT -> depth--;
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (depth == 1) {
                        text.append(xml.getText());
                    }
                }
                case XMLStreamConstants.ENTITY_REFERENCE -> throw invalid("The file refers to an entity (&"
                        + xml.getLocalName() + ";), which is not accepted.");
                default -> {
                }
            }
        }
        String value = text.toString().trim();
        return value.isEmpty() ? null : value;
    }

    /** The names of the elements the reader skipped (not read by the import), in name order; at most 100. */
    public List<String> skipped() {
        return List.copyOf(skipped);
    }

    /** Skips the current element and everything inside it, noting its name for the report. */
    private void skip() throws XMLStreamException {
        if (skipped.size() < MAX_SKIPPED_LISTED) {
            skipped.add(xml.getLocalName());
        }
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (event == XMLStreamConstants.ENTITY_REFERENCE) {
                throw invalid("The file refers to an entity (&" + xml.getLocalName() + ";), which is not accepted.");
            }
        }
    }

    private static ProblemException refuseDtd() {
        return invalid("The file contains a DOCTYPE declaration; Common Transfer Files are accepted without one.");
    }

    static ProblemException invalid(String detail) {
        return new ProblemException(400, "invalid-file", "The file cannot be imported", detail + " Nothing was imported.",
                List.of());
    }

    private static ProblemException notXml(XMLStreamException e) {
        Location at = e.getLocation();
        String where = at == null ? "" : " (line " + at.getLineNumber() + ", column " + at.getColumnNumber() + ")";
        String reason = e.getMessage() == null ? "" : e.getMessage().replaceAll("(?s)^ParseError at \\[.*?\\]\\s*Message:\\s*", "");
        return new ProblemException(400, "invalid-file", "The file cannot be imported",
                "The file is not well-formed XML" + where + ": " + reason + " Nothing was imported.", List.of());
    }

    @Override
    public void close() {
        try {
            xml.close();
        } catch (XMLStreamException e) {
            // Nothing is left to release that closing the request's stream does not release.
        }
    }
}
