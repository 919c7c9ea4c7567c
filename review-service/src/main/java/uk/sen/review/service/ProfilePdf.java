package uk.sen.review.service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * The one-page profile as a printable A4 page (PDFBox): the pupil's own words first, then needs, outcomes, support and
 * the next review. It is always one page: the text size steps down until everything fits (the texts are limited in
 * length), and only below the smallest size is the rest of a section left to the platform. Characters the PDF's
 * standard fonts cannot show are printed as "?".
 */
public final class ProfilePdf {

    static final float MARGIN = 50;
    static final float[] SIZES = { 11f, 10f, 9f, 8f, 7f };
    static final DateTimeFormatter SPOKEN = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

    private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);

    private record Line(String text, boolean heading, float gapBefore) {
    }

    private ProfilePdf() {
    }

    public static byte[] render(PupilProfiles.OnePageProfile p, LocalDate printedOn) {
        return new ProfilePdf().page(p, printedOn);
    }

    private byte[] page(PupilProfiles.OnePageProfile p, LocalDate printedOn) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle("One-page profile");
            info.setProducer("SEN coordination platform");
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            float width = page.getMediaBox().getWidth() - 2 * MARGIN;
            float top = page.getMediaBox().getHeight() - MARGIN;
            float bottom = MARGIN + 30;
            try (PDPageContentStream s = new PDPageContentStream(doc, page)) {
                String title = p.knownAs() == null ? "One-page profile" : "One-page profile: " + p.knownAs();
                text(s, bold, 18, MARGIN, top - 18, safe(bold, title));
                String subtitle = "Year group " + (p.ncYear() == null ? "not known" : p.ncYear()) + "  |  School "
                        + p.schoolUrn() + "  |  " + provision(p.provision());
                text(s, regular, 10, MARGIN, top - 36, safe(regular, subtitle));
                float y = top - 60;
                List<Line> lines = null;
                float size = SIZES[SIZES.length - 1];
                for (float candidate : SIZES) {
                    List<Line> laid = layout(p, candidate, width);
                    if (height(laid, candidate) <= y - bottom || candidate == SIZES[SIZES.length - 1]) {
                        lines = laid;
                        size = candidate;
                        break;
                    }
                }
                float leading = size * 1.3f;
                for (Line line : lines) {
                    float next = y - line.gapBefore() - leading;
                    if (next < bottom) {
                        text(s, regular, size, MARGIN, y - leading, "... (the rest is on the platform)");
                        break;
                    }
                    y = next;
                    text(s, line.heading() ? bold : regular, line.heading() ? size + 1.5f : size,
                            MARGIN + (line.heading() ? 0 : 8), y, line.text());
                }
                text(s, regular, 8, MARGIN, MARGIN, "Printed on " + SPOKEN.format(printedOn)
                        + " from the SEN coordination platform. Confidential: for the staff who work with this pupil.");
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("The profile could not be drawn", e);
        }
    }

    private List<Line> layout(PupilProfiles.OnePageProfile p, float size, float width) throws IOException {
        List<Line> lines = new ArrayList<>();
        section(lines, "What I want people to know about me", p.aboutMe(), size, width);
        section(lines, "What helps me", p.whatHelps(), size, width);
        section(lines, "What does not help me", p.whatDoesNotHelp(), size, width);
        section(lines, "My needs", p.needs().isEmpty() ? null : String.join("; ", p.needs()), size, width);
        List<String> outcomes = p.outcomes().stream()
                .map(o -> "- " + o.outcome() + (o.termlyGoal() == null ? "" : " (this term: " + o.termlyGoal() + ")"))
                .toList();
        section(lines, "What we are working towards", outcomes.isEmpty() ? null : String.join("\n", outcomes), size,
                width);
        List<String> support = p.support().stream().map(i -> "- " + i.intervention()
                + (i.frequency() == null ? "" : ", " + i.frequency())
                + (i.deliveredBy() == null ? "" : ", with " + i.deliveredBy())).toList();
        section(lines, "The support I have", support.isEmpty() ? null : String.join("\n", support), size, width);
        section(lines, "My next review", p.nextReview() == null ? null
                : SPOKEN.format(p.nextReview()) + " (" + reviewKind(p.nextReviewKind()) + ")", size, width);
        return lines;
    }

    private void section(List<Line> lines, String heading, String body, float size, float width) throws IOException {
        lines.add(new Line(heading, true, lines.isEmpty() ? 0 : size * 0.8f));
        String text = body == null ? "Not recorded yet." : body;
        for (String paragraph : text.split("\r?\n")) {
            for (String wrapped : wrap(safe(regular, paragraph), size, width - 8)) {
                lines.add(new Line(wrapped, false, 0));
            }
        }
    }

    private List<String> wrap(String paragraph, float size, float width) throws IOException {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : paragraph.split(" ")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (regular.getStringWidth(candidate) / 1000 * size <= width) {
                line.setLength(0);
                line.append(candidate);
                continue;
            }
            if (!line.isEmpty()) {
                out.add(line.toString());
                line.setLength(0);
            }
            // a word longer than the line is cut where it must be
            String rest = word;
            while (regular.getStringWidth(rest) / 1000 * size > width) {
                int cut = rest.length() - 1;
                while (cut > 1 && regular.getStringWidth(rest.substring(0, cut)) / 1000 * size > width) {
                    cut--;
                }
                out.add(rest.substring(0, cut));
                rest = rest.substring(cut);
            }
            line.append(rest);
        }
        out.add(line.toString());
        return out;
    }

    private static float height(List<Line> lines, float size) {
        float h = 0;
        for (Line l : lines) {
            h += l.gapBefore() + size * 1.3f;
        }
        return h;
    }

    private static void text(PDPageContentStream s, PDType1Font font, float size, float x, float y, String text)
            throws IOException {
        s.beginText();
        s.setFont(font, size);
        s.newLineAtOffset(x, y);
        s.showText(text);
        s.endText();
    }

    /** The text with every character the font cannot encode (and every control character) shown as "?". */
    static String safe(PDType1Font font, String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            String c = new String(Character.toChars(cp));
            if (Character.isISOControl(cp)) {
                out.append(' ');
                return;
            }
            try {
                font.encode(c);
                out.append(c);
            } catch (IOException | IllegalArgumentException e) {
                out.append('?');
            }
        });
        return out.toString();
    }

    private static String provision(String code) {
        return switch (code == null ? "N" : code) {
            case "K" -> "SEN support";
            case "E" -> "EHC plan";
            case "N" -> "no SEN provision";
            default -> "provision " + code;
        };
    }

    private static String reviewKind(String kind) {
        if (kind == null) {
            return "review";
        }
        return switch (kind) {
            case "ANNUAL_REVIEW" -> "annual review of the EHC plan";
            case "PHASE_TRANSFER_REVIEW" -> "phase transfer review";
            default -> "SEN support review";
        };
    }
}
