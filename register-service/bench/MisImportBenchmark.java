import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times the MIS import of a large file against a running register-service (not a test: timings depend on the
 * machine). Writes a file of N pupils for Harbour Primary (900101), then imports it three times as the MIS client:
 * the first import (every pupil created), the same file again (nothing changes), and the file of the next school year
 * (every pupil's year group moves on: N updates and N events).
 *
 * Run against a service started with the heap to check, e.g. {@code java -Xmx256m -jar quarkus-run.jar}:
 * {@code java register-service/bench/MisImportBenchmark.java http://127.0.0.1:8081 50000}
 * (Keycloak at OIDC_URL, default http://127.0.0.1:8180/realms/sen; the school must exist).
 */
public class MisImportBenchmark {

    static final String LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ";
    static final String[] NEEDS = { "SLCN", "SLCN", "SEMH", "SEMH", "MLD", "SPLD", "ASD", "ASD", "PD", "HI", "DS" };

    public static void main(String[] args) throws Exception {
        String service = args.length > 0 ? args[0] : "http://127.0.0.1:8081";
        int pupils = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        String realm = System.getenv().getOrDefault("OIDC_URL", "http://127.0.0.1:8180/realms/sen");
        HttpClient http = HttpClient.newHttpClient();

        Path thisYear = Files.createTempFile("mis-" + pupils + "-", ".csv");
        Path nextYear = Files.createTempFile("mis-" + pupils + "-next-", ".csv");
        write(thisYear, pupils, 0);
        write(nextYear, pupils, 1);
        System.out.printf("file: %d rows, %.1f MB (%s)%n", pupils, Files.size(thisYear) / 1e6, thisYear);

        for (String[] run : new String[][] { { "first import", thisYear.toString() }, { "same file again", thisYear.toString() },
                { "next school year (every pupil changes)", nextYear.toString() } }) {
            String token = token(http, realm);
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create(service + "/api/v1/imports/mis?school=900101"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "text/csv; charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofFile(Path.of(run[1]))).build(),
                    HttpResponse.BodyHandlers.ofString());
            double seconds = (System.nanoTime() - start) / 1e9;
            String body = response.body();
            System.out.printf("%-40s HTTP %d in %6.2f s  %s%n", run[0], response.statusCode(), seconds,
                    counts(body));
        }
        Files.delete(thisYear);
        Files.delete(nextYear);
    }

    /** A deterministic register: ~13% SEN support, ~4% EHC plans, year groups R to 6. */
    static void write(Path file, int pupils, int yearsLater) throws IOException {
        Random random = new Random(42);
        String[] years = { "R", "1", "2", "3", "4", "5", "6" };
        LocalDate today = LocalDate.now();
        StringBuilder csv = new StringBuilder(pupils * 120);
        csv.append("UPN,Surname,Forename,DOB,Sex,NCYear,SchoolURN,SENProvision,SENStartDate,PrimaryNeed,SecondaryNeed,"
                + "IssuingLA,PlanIssueDate\n");
        for (int i = 0; i < pupils; i++) {
            int year = i % years.length;
            LocalDate dob = today.minusYears(5 + year).minusDays(random.nextInt(365));
            double draw = random.nextDouble();
            String provision = draw < 0.04 ? "E" : draw < 0.17 ? "K" : "N";
            String start = provision.equals("N") ? "" : today.minusDays(60 + random.nextInt(600)).toString();
            String need = provision.equals("N") ? "" : NEEDS[random.nextInt(NEEDS.length)];
            csv.append(upn(50 + i / 1000, i % 1000)).append(",Surname").append(i).append(",Forename").append(i % 97)
                    .append(',').append(dob).append(',').append(i % 2 == 0 ? 'F' : 'M').append(',')
                    .append(years[Math.min(year + yearsLater, years.length - 1)]).append(",900101,").append(provision)
                    .append(',').append(start).append(',').append(need).append(",,")
                    .append(provision.equals("E") ? "801" : "").append(',').append(provision.equals("E") ? start : "")
                    .append('\n');
        }
        Files.writeString(file, csv, StandardCharsets.UTF_8);
    }

    static String upn(int yearOfIssue, int serial) {
        String body = "8012001" + String.format("%02d%03d", yearOfIssue, serial);
        int sum = 0;
        for (int position = 2; position <= 13; position++) {
            sum += (body.charAt(position - 2) - '0') * position;
        }
        return LETTERS.charAt(sum % 23) + body;
    }

    static String token(HttpClient http, String realm) throws IOException, InterruptedException {
        String form = "grant_type=client_credentials&client_id=sen-mis&client_secret="
                + URLEncoder.encode("sen-mis-secret", StandardCharsets.UTF_8);
        String body = http.send(HttpRequest.newBuilder(URI.create(realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("No token from " + realm + ": " + body);
        }
        return m.group(1);
    }

    static String counts(String report) {
        StringBuilder out = new StringBuilder();
        Matcher m = Pattern.compile("\"(rows|created|updated|unchanged|invalid)\":(\\d+)").matcher(report);
        while (m.find()) {
            out.append(m.group(1)).append('=').append(m.group(2)).append(' ');
        }
        return out.length() > 0 ? out.toString() : report.substring(0, Math.min(300, report.length()));
    }
}
