package uk.sen.register.exchange;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import uk.sen.platform.io.Csv;
import uk.sen.register.domain.SenRules.RankedNeed;

/**
 * The LA exchange: for each pupil with an EHC plan, the SEN2 items the register holds, named as in SEN2 (Person,
 * NamedPlan, SENneed). CSV has one row per person; XML one {@code Person} element per person.
 */
public final class Sen2Writer {

    public record Person(String upn, String surname, String forename, LocalDate birthDate, String sex,
            String schoolUrn, LocalDate planStartDate, String issuingLa, List<RankedNeed> needs) {
    }

    public static final List<String> CSV_COLUMNS = List.of("UPN", "Surname", "Forename", "PersonBirthDate", "Sex",
            "SchoolURN", "NamedPlanStartDate", "IssuingLA", "PrimaryNeed", "SecondaryNeed");

    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private Sen2Writer() {
    }

    public static void csv(List<Person> persons, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        line(w, CSV_COLUMNS);
        for (Person p : persons) {
            List<String> values = new ArrayList<>(List.of(p.upn(), p.surname(), p.forename(),
                    p.birthDate().toString(), p.sex(), p.schoolUrn(), text(p.planStartDate()), text(p.issuingLa()),
                    need(p.needs(), 1), need(p.needs(), 2)));
            line(w, values);
        }
        w.flush();
    }

    public static void xml(String la, LocalDateTime createdAt, List<Person> persons, OutputStream out)
            throws XMLStreamException {
        XMLStreamWriter x = FACTORY.createXMLStreamWriter(out, "UTF-8");
        x.writeStartDocument("UTF-8", "1.0");
        x.writeCharacters("\n");
        x.writeStartElement("SEN2Export");
        x.writeCharacters("\n  ");
        x.writeStartElement("Header");
        leaf(x, "LA", la, 2);
        leaf(x, "DateTime", DATE_TIME.format(createdAt), 2);
        leaf(x, "Source", "SEN register", 2);
        leaf(x, "Persons", Integer.toString(persons.size()), 2);
        x.writeCharacters("\n  ");
        x.writeEndElement();
        for (Person p : persons) {
            x.writeCharacters("\n  ");
            x.writeStartElement("Person");
            leaf(x, "UPN", p.upn(), 2);
            leaf(x, "Surname", p.surname(), 2);
            leaf(x, "Forename", p.forename(), 2);
            leaf(x, "PersonBirthDate", p.birthDate().toString(), 2);
            leaf(x, "Sex", p.sex(), 2);
            leaf(x, "SchoolURN", p.schoolUrn(), 2);
            x.writeCharacters("\n    ");
            x.writeStartElement("NamedPlan");
            leaf(x, "StartDate", text(p.planStartDate()), 3);
            leaf(x, "IssuingLA", p.issuingLa(), 3);
            x.writeCharacters("\n    ");
            x.writeEndElement();
            for (RankedNeed need : p.needs()) {
                x.writeCharacters("\n    ");
                x.writeStartElement("SENneed");
                leaf(x, "SENtype", need.code(), 3);
                leaf(x, "SENtypeRank", need.rank().toString(), 3);
                x.writeCharacters("\n    ");
                x.writeEndElement();
            }
            x.writeCharacters("\n  ");
            x.writeEndElement();
        }
        x.writeCharacters("\n");
        x.writeEndElement();
        x.writeCharacters("\n");
        x.writeEndDocument();
        x.flush();
    }

    private static void leaf(XMLStreamWriter x, String name, String value, int depth) throws XMLStreamException {
        if (value == null) {
            return;
        }
        x.writeCharacters("\n" + "  ".repeat(depth));
        x.writeStartElement(name);
        x.writeCharacters(value);
        x.writeEndElement();
    }

    private static String need(List<RankedNeed> needs, int rank) {
        return needs.stream().filter(n -> n.rank() == rank).map(RankedNeed::code).findFirst().orElse("");
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static void line(Writer w, List<String> values) throws IOException {
        w.write(Csv.line(values));
    }
}
