package uk.sen.register.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import uk.sen.register.domain.SenRules.RankedNeed;

class Sen2WriterTest {

    @Test
    void writesOneCsvRowPerPersonWithNeedsByRank() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Sen2Writer.csv(List.of(new Sen2Writer.Person("H801200001001", "Brontë", "Zoë", LocalDate.of(2016, 3, 14), "F",
                "900101", LocalDate.of(2024, 1, 15), "801", List.of(new RankedNeed(1, "ASD"), new RankedNeed(2, "SLCN")))),
                out);
        assertEquals("UPN,Surname,Forename,PersonBirthDate,Sex,SchoolURN,NamedPlanStartDate,IssuingLA,PrimaryNeed,SecondaryNeed\r\n"
                + "H801200001001,Brontë,Zoë,2016-03-14,F,900101,2024-01-15,801,ASD,SLCN\r\n",
                out.toString(StandardCharsets.UTF_8));
    }
}
