package uk.sen.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Random;

/**
 * A deterministic MIS export of a primary school (fictional pupils, year groups R to 6), in the register's documented
 * CSV columns: about 13% on SEN support and 4% with EHC plans, or everyone at N for the event pipeline's pupils.
 */
final class MisFile {

    static final String HEADER = "UPN,Surname,Forename,DOB,Sex,NCYear,SchoolURN,SENProvision,SENStartDate,PrimaryNeed,"
            + "SecondaryNeed,IssuingLA,PlanIssueDate";
    private static final String LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ";
    private static final String[] NEEDS = { "SLCN", "SLCN", "SEMH", "SEMH", "MLD", "SPLD", "ASD", "ASD", "PD", "HI", "DS" };
    private static final String[] YEARS = { "R", "1", "2", "3", "4", "5", "6" };

    /**
     * @param estab the school's establishment number (part of each UPN, so schools never share one)
     * @param withSen whether some pupils are on the register (else all at N)
     * @param yearsLater 1 writes the same pupils a school year on (every pupil's year group changes)
     */
    static void write(Path file, String urn, String estab, int pupils, boolean withSen, int yearsLater) throws IOException {
        Random random = new Random(42);
        LocalDate today = LocalDate.now();
        StringBuilder csv = new StringBuilder(pupils * 120).append(HEADER).append('\n');
        for (int i = 0; i < pupils; i++) {
            int year = i % (YEARS.length - 1);
            LocalDate dob = today.minusYears(5 + year).minusDays(random.nextInt(365));
            double draw = random.nextDouble();
            String provision = !withSen ? "N" : draw < 0.04 ? "E" : draw < 0.17 ? "K" : "N";
            boolean sen = !provision.equals("N");
            String start = sen ? today.minusDays(60 + random.nextInt(600)).toString() : "";
            String need = sen ? NEEDS[random.nextInt(NEEDS.length)] : "";
            csv.append(upn(estab, 10 + i / 1000, i % 1000)).append(",Surname").append(i).append(",Forename")
                    .append(i % 97).append(',').append(dob).append(',').append(i % 2 == 0 ? 'F' : 'M').append(',')
                    .append(YEARS[year + yearsLater]).append(',').append(urn).append(',').append(provision).append(',')
                    .append(start).append(',').append(need).append(",,").append(provision.equals("E") ? "801" : "")
                    .append(',').append(provision.equals("E") ? start : "").append('\n');
        }
        Files.writeString(file, csv, StandardCharsets.UTF_8);
    }

    /** A permanent UPN of LA 801 with its check letter, as the DfE computes it. */
    static String upn(String estab, int yearOfIssue, int serial) {
        String body = "801" + estab + String.format("%02d%03d", yearOfIssue, serial);
        int sum = 0;
        for (int position = 2; position <= 13; position++) {
            sum += (body.charAt(position - 2) - '0') * position;
        }
        return LETTERS.charAt(sum % 23) + body;
    }
}
