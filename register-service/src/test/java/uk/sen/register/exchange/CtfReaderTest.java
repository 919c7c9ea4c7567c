package uk.sen.register.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import uk.sen.platform.problem.ProblemException;
import uk.sen.register.domain.Provision;

class CtfReaderTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    static List<CtfReader.Pupil> readAll(InputStream in) {
        List<CtfReader.Pupil> pupils = new ArrayList<>();
        try (CtfReader reader = new CtfReader(in)) {
            reader.header();
            CtfReader.Pupil p;
            while ((p = reader.next()) != null) {
                pupils.add(p);
            }
        }
        return pupils;
    }

    static InputStream xml(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsARealisticFileSkippingWhatItDoesNotKnow() {
        InputStream file = getClass().getResourceAsStream("/ctf/9352417_CTF_8012002_014.xml");
        try (CtfReader reader = new CtfReader(file)) {
            CtfReader.Header header = reader.header();
            assertEquals(new CtfReader.School("935", "2417", "124587", "Greenfields Primary School"), header.source());
            assertEquals("801", header.dest().la());
            assertEquals("2002", header.dest().estab());
            assertEquals("2026-07-17T15:42:09", header.createdAt());
            List<CtfReader.Pupil> pupils = new ArrayList<>();
            CtfReader.Pupil p;
            while ((p = reader.next()) != null) {
                pupils.add(p);
            }
            assertEquals(5, pupils.size());
            CtfReader.Pupil poppy = pupils.get(0);
            assertEquals(new CtfReader.Pupil(1, "D935241719001", "Ashworth", "Poppy", "2019-10-12", "F", "1",
                    List.of(new CtfReader.SenEntry(1, "2025-01-13", "K")), List.of(new CtfReader.SenNeed(1, "1", "SLCN"))),
                    poppy);
            CtfReader.Pupil theo = pupils.get(1);
            assertEquals(List.of(new CtfReader.SenEntry(1, "2021-09-06", "K"), new CtfReader.SenEntry(2, "2024-03-18", "E")),
                    theo.sen());
            assertEquals(List.of(new CtfReader.SenNeed(1, "1", "ASD"), new CtfReader.SenNeed(2, "2", "SLCN")), theo.needs());
            CtfReader.Pupil harvey = pupils.get(3);
            assertEquals(List.of(), harvey.sen());
            assertNull(pupils.get(4).ncYear());
        }
    }

    static Stream<Arguments> refusedFiles() {
        return Stream.of(
                Arguments.of("not XML", "UPN,Surname\nH801200001001,Khan\n", "The file is not well-formed XML"),
                Arguments.of("another XML document", "<html><body/></html>", "its root element is <html>, not <CTfile>"),
                Arguments.of("external entity (XXE)", """
                        <?xml version="1.0"?>
                        <!DOCTYPE CTfile [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                        <CTfile><Header/><CTFpupilData><Pupil><Surname>&secret;</Surname></Pupil></CTFpupilData></CTfile>""",
                        "DOCTYPE"),
                Arguments.of("entity expansion", """
                        <?xml version="1.0"?>
                        <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
                        <CTfile><Header/></CTfile>""", "DOCTYPE"),
                Arguments.of("pupils before the header", "<CTfile><CTFpupilData/><Header/></CTfile>",
                        "has no <Header> before its pupils"),
                Arguments.of("cut off half way", """
                        <CTfile><Header><DestSchool><LEA>801</LEA><Estab>2002</Estab></DestSchool></Header>
                        <CTFpupilData><Pupil><UPN>H801200001001</UPN></Pupil><Pupil><UPN>B8012""",
                        "The file is not well-formed XML"),
                Arguments.of("unclosed root", "<CTfile><Header/><CTFpupilData></CTFpupilData>",
                        "The file is not well-formed XML"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedFiles")
    void refusesWhatIsNotACommonTransferFile(String name, String text, String detail) {
        ProblemException e = assertThrows(ProblemException.class, () -> readAll(xml(text)));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains(detail), e.getMessage());
        assertTrue(e.getMessage().endsWith("Nothing was imported."), e.getMessage());
    }

    @Test
    void acceptsTheFlatDestinationAndGenderElements() {
        List<CtfReader.Pupil> pupils;
        try (CtfReader reader = new CtfReader(xml("""
                <CTfile><Header><DestLEA>801</DestLEA><DestEstab>4001</DestEstab></Header>
                <CTFpupilData><Pupil><UPN> H801200001001 </UPN><Gender>M</Gender></Pupil></CTFpupilData></CTfile>"""))) {
            assertEquals("4001", reader.header().dest().estab());
            pupils = List.of(reader.next());
            assertNull(reader.next());
        }
        assertEquals("H801200001001", pupils.get(0).upn());
        assertEquals("M", pupils.get(0).sex());
    }

    // ---- checking a pupil

    static CtfReader.Pupil pupil(String upn, String dob, String sex, String ncYear, List<CtfReader.SenEntry> sen,
            List<CtfReader.SenNeed> needs) {
        return new CtfReader.Pupil(3, upn, "Nwosu", "Theo", dob, sex, ncYear, sen, needs);
    }

    static Stream<Arguments> pupils() {
        List<CtfReader.SenEntry> k = List.of(new CtfReader.SenEntry(1, "2021-09-06", "K"));
        List<CtfReader.SenNeed> asd = List.of(new CtfReader.SenNeed(1, "1", "ASD"));
        return Stream.of(
                Arguments.of("valid", pupil("T935241719002", "2018-06-30", "M", "3", k, asd), List.of(), List.of()),
                Arguments.of("wrong check letter", pupil("A935241719002", "2018-06-30", "M", "3", k, asd),
                        List.of("UPN: UPN invalid (wrong check letter at character 1)"), List.of()),
                Arguments.of("no DOB", pupil("T935241719002", null, "M", "3", k, asd),
                        List.of("DOB: is required"), List.of()),
                Arguments.of("bad dates and codes", pupil("T935241719002", "2018-06-30", "U", "3",
                        List.of(new CtfReader.SenEntry(1, "06/09/2021", "K"), new CtfReader.SenEntry(2, "2024-03-18", "Z")),
                        asd),
                        List.of("Sex: must be M or F (census codes)",
                                "SENhistory/SEN[1]/StartDate: '06/09/2021' is not a date (yyyy-MM-dd)",
                                "SENhistory/SEN[2]/SENprovision: 'Z' is not a provision code: N, K, E, or legacy S, A, P"),
                        List.of()),
                Arguments.of("K without a primary need", pupil("T935241719002", "2018-06-30", "M", "3", k,
                        List.of(new CtfReader.SenNeed(1, "2", "ASD"))),
                        List.of("SENhistory/SENneeds: SEN support and EHC plans need a primary need (rank 1)",
                                "SENhistory/SENneeds: a secondary need (rank 2) needs a primary need (rank 1)"), List.of()),
                Arguments.of("unknown need type", pupil("T935241719002", "2018-06-30", "M", "3", k,
                        List.of(new CtfReader.SenNeed(1, "1", "AUT"))),
                        List.of("SENhistory/SENneeds/SENneed[1]/SENtype: 'AUT' is not a need type code"), List.of()),
                Arguments.of("needs of a pupil no longer on the register", pupil("T935241719002", "2018-06-30", "M", "3",
                        List.of(new CtfReader.SenEntry(1, "2021-09-06", "K"), new CtfReader.SenEntry(2, "2023-07-20", "N")),
                        asd), List.of(),
                        List.of("SENneeds not recorded: the pupil is not on the SEN register (no SEN entry, or the last one is N)")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pupils")
    void checksEachPupil(String name, CtfReader.Pupil pupil, List<String> violations, List<String> warnings) {
        CtfFormat.Checked checked = CtfFormat.check(pupil, null, null, TODAY, la -> la >= 200 && la <= 999);
        assertEquals(violations, checked.violations().stream().map(v -> v.field() + ": " + v.reason()).toList());
        assertEquals(warnings, checked.warnings());
    }

    @Test
    void aYearGroupWrittenLastSchoolYearIsMovedOnAndAMissingOneDerived() {
        CtfFormat.Checked written = CtfFormat.check(pupil("T935241719002", "2018-06-30", "M", "3",
                List.of(new CtfReader.SenEntry(1, "2021-09-06", "K")), List.of(new CtfReader.SenNeed(1, "1", "ASD"))),
                LocalDate.of(2026, 7, 17), null, TODAY, la -> true);
        assertEquals("4", written.incoming().ncYear());
        assertEquals(Provision.K, written.incoming().current());
        CtfFormat.Checked derived = CtfFormat.check(pupil("T935241719002", "2018-06-30", "M", null, List.of(), List.of()),
                null, LocalDate.of(2026, 9, 3), TODAY, la -> true);
        assertEquals("4", derived.incoming().ncYear());
        assertEquals(LocalDate.of(2026, 9, 3), derived.incoming().entryDate());
    }
}
