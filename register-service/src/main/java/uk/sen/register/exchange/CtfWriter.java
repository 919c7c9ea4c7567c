package uk.sen.register.exchange;

import java.io.OutputStream;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import uk.sen.register.domain.SenHistory;
import uk.sen.register.domain.SenRules.RankedNeed;

/**
 * Writes a Common Transfer File carrying the register's part of a pupil's record: identity, year group and SEN
 * history. The document qualifier is {@code partial}, since the school's MIS holds the rest of the record.
 */
public final class CtfWriter {

    public record School(String la, String estab, String urn, String name) {
    }

    public record Pupil(String upn, String surname, String forename, LocalDate dateOfBirth, String sex, String ncYear,
            List<SenHistory.Entry> sen, List<RankedNeed> needs) {
    }

    /** Everything a file holds; {@code destLa}/{@code destEstab} are MMM/MMMM when the destination is unknown. */
    public record Document(String version, LocalDateTime createdAt, int academicYear, School source, String destLa,
            String destEstab, List<Pupil> pupils) {
    }

    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private final XMLStreamWriter xml;
    private int depth;

    private CtfWriter(XMLStreamWriter xml) {
        this.xml = xml;
    }

    public static void write(Document document, OutputStream out) throws XMLStreamException {
        XMLStreamWriter xml = FACTORY.createXMLStreamWriter(out, "UTF-8");
        new CtfWriter(xml).document(document);
        xml.flush();
    }

    private void document(Document d) throws XMLStreamException {
        xml.writeStartDocument("UTF-8", "1.0");
        open("CTfile");
        open("Header");
        leaf("DocumentName", "Common Transfer File");
        leaf("CTFversion", d.version());
        leaf("DateTime", DATE_TIME.format(d.createdAt()));
        leaf("DocumentQualifier", "partial");
        leaf("DataDescriptor", "SEN history");
        leaf("SupplierID", "SEN register");
        open("SourceSchool");
        leaf("LEA", d.source().la());
        leaf("Estab", d.source().estab());
        leaf("URN", d.source().urn());
        leaf("SchoolName", d.source().name());
        leaf("AcademicYear", Integer.toString(d.academicYear()));
        close();
        open("DestSchool");
        leaf("LEA", d.destLa());
        leaf("Estab", d.destEstab());
        close();
        close();
        open("CTFpupilData");
        for (Pupil p : d.pupils()) {
            pupil(p);
        }
        close();
        close();
        xml.writeCharacters("\n");
        xml.writeEndDocument();
    }

    private void pupil(Pupil p) throws XMLStreamException {
        open("Pupil");
        leaf("UPN", p.upn());
        leaf("Surname", p.surname());
        leaf("Forename", p.forename());
        leaf("DOB", p.dateOfBirth().toString());
        leaf("Sex", p.sex());
        open("BasicDetails");
        leaf("NCyearActual", p.ncYear());
        close();
        if (!p.sen().isEmpty() || !p.needs().isEmpty()) {
            open("SENhistory");
            for (SenHistory.Entry entry : p.sen()) {
                open("SEN");
                leaf("StartDate", entry.startDate().toString());
                leaf("SENprovision", entry.provision().name());
                close();
            }
            if (!p.needs().isEmpty()) {
                open("SENneeds");
                for (RankedNeed need : p.needs()) {
                    open("SENneed");
                    leaf("SENtypeRank", need.rank().toString());
                    leaf("SENtype", need.code());
                    close();
                }
                close();
            }
            close();
        }
        close();
    }

    private void open(String name) throws XMLStreamException {
        indent();
        xml.writeStartElement(name);
        depth++;
    }

    private void close() throws XMLStreamException {
        depth--;
        indent();
        xml.writeEndElement();
    }

    private void leaf(String name, String value) throws XMLStreamException {
        if (value == null) {
            return;
        }
        indent();
        xml.writeStartElement(name);
        xml.writeCharacters(value);
        xml.writeEndElement();
    }

    private void indent() throws XMLStreamException {
        xml.writeCharacters("\n" + "  ".repeat(depth));
    }
}
