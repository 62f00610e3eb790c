package com.xiaoneng.query.reports;

import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The scoreboard as an A4 landscape PDF: header block and a ruled table. Chinese names need a CJK
 * font; the configured TrueType font (a .ttf, or the first font of a .ttc collection) is
 * subset-embedded, so the PDF shows and extracts the names on any machine.
 */
@Component
class PdfReport {
    private static final float MARGIN = 36;
    private static final float ROW = 15;
    private static final float TEXT = 8;
    /** Column widths in points, in {@link AssessmentReport#COLUMNS} order (770 = A4 landscape less margins). */
    private static final float[] WIDTHS = {30, 48, 150, 50, 55, 52, 60, 45, 50, 35, 70, 55, 50};

    private final Path fontFile;

    PdfReport(Settings settings) {
        this.fontFile = Path.of(settings.pdfFont());
    }

    @ConfigurationProperties("xiaoneng.reports")
    record Settings(String pdfFont) {
    }

    byte[] render(AssessmentReport report) {
        if (!Files.isRegularFile(fontFile)) {
            throw new IllegalStateException("PDF font " + fontFile + " is missing: install a CJK TrueType font"
                    + " (Debian: apt-get install fonts-wqy-microhei) or set REPORT_PDF_FONT");
        }
        try (PDDocument document = new PDDocument();
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            if (fontFile.toString().toLowerCase().endsWith(".ttc")) {
                // the collection must stay open until the subset is written on save
                try (TrueTypeCollection collection = new TrueTypeCollection(fontFile.toFile())) {
                    TrueTypeFont[] first = new TrueTypeFont[1];
                    collection.processAllFonts(font -> {
                        if (first[0] == null) {
                            first[0] = font;
                        }
                    });
                    draw(document, report, PDType0Font.load(document, first[0], true));
                    document.save(out);
                }
            } else {
                draw(document, report, PDType0Font.load(document, fontFile.toFile()));
                document.save(out);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the PDF report", e);
        }
    }

    private static void draw(PDDocument document, AssessmentReport report, PDType0Font font) throws IOException {
        PDRectangle size = new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth());
        List<String> header = List.of(
                "Period: " + report.period() + " (" + report.from() + " .. " + report.to() + ")",
                "Scope: " + report.scope() + " " + report.scopeName() + ", by " + report.groupBy(),
                "Open overdue as of: " + report.openOverdueAsOf(),
                "Generated at: " + report.generatedAt() + " by " + report.generatedBy());
        PDPage page = new PDPage(size);
        document.addPage(page);
        PDPageContentStream content = new PDPageContentStream(document, page);
        float y = size.getHeight() - MARGIN;
        text(content, font, 14, MARGIN, y - 14, report.title());
        y -= 26;
        for (String line : header) {
            text(content, font, 9, MARGIN, y - 9, line);
            y -= 13;
        }
        y -= 8;
        y = tableRow(content, font, y, AssessmentReport.COLUMNS);
        for (AssessmentRow row : report.rows()) {
            if (y - ROW < MARGIN) {
                content.close();
                page = new PDPage(size);
                document.addPage(page);
                content = new PDPageContentStream(document, page);
                y = tableRow(content, font, size.getHeight() - MARGIN, AssessmentReport.COLUMNS);
            }
            y = tableRow(content, font, y, AssessmentReport.cells(row).stream().map(PdfReport::format).toList());
        }
        content.close();
    }

    /** One ruled row of cells whose top edge is at {@code top}; returns its bottom edge. */
    private static float tableRow(PDPageContentStream content, PDType0Font font, float top, List<?> cells)
            throws IOException {
        float x = MARGIN;
        for (int i = 0; i < WIDTHS.length; i++) {
            content.addRect(x, top - ROW, WIDTHS[i], ROW);
            content.stroke();
            text(content, font, TEXT, x + 2, top - ROW + 4, fit(font, String.valueOf(cells.get(i)), WIDTHS[i] - 4));
            x += WIDTHS[i];
        }
        return top - ROW;
    }

    private static void text(PDPageContentStream content, PDType0Font font, float size, float x, float y, String text)
            throws IOException {
        content.beginText();
        content.setFont(font, size);
        content.newLineAtOffset(x, y);
        content.showText(text);
        content.endText();
    }

    private static String fit(PDType0Font font, String text, float width) throws IOException {
        String fitted = text;
        while (!fitted.isEmpty() && font.getStringWidth(fitted) / 1000 * TEXT > width) {
            fitted = fitted.substring(0, fitted.length() - 1);
        }
        return fitted.length() < text.length() && fitted.length() > 1
                ? fitted.substring(0, fitted.length() - 1) + "…" : fitted;
    }

    private static String format(Object cell) {
        return cell == null ? "" : cell instanceof BigDecimal d ? d.toPlainString() : cell.toString();
    }
}
