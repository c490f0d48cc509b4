#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <stdexcept>

#include "common/time.hpp"
#include "reports/report_document.hpp"

namespace samverkan::reports {
namespace {

constexpr double kPageWidth = 595.28, kPageHeight = 841.89;  // A4 in points
constexpr double kMargin = 56.0;
constexpr double kFooterSpace = 28.0;
constexpr double kContentWidth = kPageWidth - 2 * kMargin;

cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

// Lays the document out page by page. Run twice: first to count the pages, then to draw with
// "Sida N av M" footers, since the total is only known at the end.
class PdfLayout {
public:
    PdfLayout(cairo_t* cr, const ReportDocument& doc, int total_pages) : cr_(cr), doc_(doc), total_(total_pages) {}

    int Render() {
        NewPage();
        Text(doc_.title, "DejaVu Sans Bold 18", kContentWidth, kMargin, 10);
        for (const auto& [label, value] : doc_.facts) Row({label, value}, {140, kContentWidth - 140}, false, false);
        y_ += 12;
        for (const ReportSection& s : doc_.sections) {
            // Keep a heading with its text and the first rows of its table.
            if (y_ + (s.rows.empty() ? 60 : 130) > Bottom()) NewPage();
            Text(s.title, "DejaVu Sans Bold 13", kContentWidth, kMargin, 6);
            std::size_t start = 0;
            while (start <= s.body.size()) {
                std::size_t end = s.body.find('\n', start);
                std::string line = s.body.substr(start, end == std::string::npos ? std::string::npos : end - start);
                if (!line.empty()) Text(line, "DejaVu Sans 10", kContentWidth, kMargin, 4);
                if (end == std::string::npos) break;
                start = end + 1;
            }
            if (!s.columns.empty() && !s.rows.empty()) Table(s.columns, s.rows);
            y_ += 10;
        }
        Footer();
        return page_;
    }

private:
    double Bottom() const { return kPageHeight - kMargin - kFooterSpace; }

    void NewPage() {
        if (page_ > 0) {
            Footer();
            cairo_show_page(cr_);
        }
        ++page_;
        y_ = kMargin;
    }

    void Footer() {
        std::string text = "Sida " + std::to_string(page_) + (total_ > 0 ? " av " + std::to_string(total_) : "");
        PangoLayout* l = MakeLayout(text, "DejaVu Sans 8", kContentWidth);
        pango_layout_set_alignment(l, PANGO_ALIGN_RIGHT);
        cairo_move_to(cr_, kMargin, kPageHeight - kMargin);
        pango_cairo_show_layout(cr_, l);
        g_object_unref(l);
        PangoLayout* t = MakeLayout(doc_.title, "DejaVu Sans 8", kContentWidth - 80);
        pango_layout_set_ellipsize(t, PANGO_ELLIPSIZE_END);
        cairo_move_to(cr_, kMargin, kPageHeight - kMargin);
        pango_cairo_show_layout(cr_, t);
        g_object_unref(t);
    }

    PangoLayout* MakeLayout(const std::string& text, const char* font, double width) {
        PangoLayout* l = pango_cairo_create_layout(cr_);
        PangoFontDescription* fd = pango_font_description_from_string(font);
        pango_layout_set_font_description(l, fd);
        pango_font_description_free(fd);
        pango_layout_set_width(l, static_cast<int>(width * PANGO_SCALE));
        pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
        pango_layout_set_text(l, text.c_str(), static_cast<int>(text.size()));
        return l;
    }

    void Text(const std::string& text, const char* font, double width, double x, double after) {
        PangoLayout* l = MakeLayout(text, font, width);
        int w = 0, h = 0;
        pango_layout_get_pixel_size(l, &w, &h);
        if (y_ + h > Bottom()) NewPage();
        cairo_set_source_rgb(cr_, 0.1, 0.1, 0.1);
        cairo_move_to(cr_, x, y_);
        pango_cairo_show_layout(cr_, l);
        g_object_unref(l);
        y_ += h + after;
    }

    // One table row; returns nothing, advances y. `header` shades the row; `borders` draws the grid.
    void Row(const std::vector<std::string>& cells, const std::vector<double>& widths, bool header, bool borders) {
        constexpr double pad = 4;
        std::vector<PangoLayout*> layouts;
        double height = 0;
        for (std::size_t i = 0; i < cells.size(); ++i) {
            layouts.push_back(MakeLayout(cells[i], header || (!borders && i == 0) ? "DejaVu Sans Bold 9" : "DejaVu Sans 9",
                                         widths[i] - 2 * pad));
            int w = 0, h = 0;
            pango_layout_get_pixel_size(layouts.back(), &w, &h);
            height = std::max(height, h + 2 * pad);
        }
        if (y_ + height > Bottom()) {
            NewPage();
            if (borders && !header && !header_.empty()) Row(header_, widths, true, true);
        }
        double x = kMargin;
        for (std::size_t i = 0; i < cells.size(); ++i) {
            if (header) {
                cairo_set_source_rgb(cr_, 0.93, 0.945, 0.965);
                cairo_rectangle(cr_, x, y_, widths[i], height);
                cairo_fill(cr_);
            }
            if (borders) {
                cairo_set_source_rgb(cr_, 0.46, 0.46, 0.46);
                cairo_set_line_width(cr_, 0.5);
                cairo_rectangle(cr_, x, y_, widths[i], height);
                cairo_stroke(cr_);
            }
            cairo_set_source_rgb(cr_, 0.1, 0.1, 0.1);
            cairo_move_to(cr_, x + pad, y_ + pad);
            pango_cairo_show_layout(cr_, layouts[i]);
            g_object_unref(layouts[i]);
            x += widths[i];
        }
        y_ += height;
    }

    void Table(const std::vector<std::string>& columns, const std::vector<std::vector<std::string>>& rows) {
        // Columns share the width by how much text they hold, within bounds, so that short dates stay
        // on one line and titles get room.
        std::vector<double> weight(columns.size());
        for (std::size_t c = 0; c < columns.size(); ++c) {
            std::size_t longest = columns[c].size();
            for (const auto& r : rows)
                if (c < r.size()) longest = std::max(longest, r[c].size());
            weight[c] = std::clamp(static_cast<double>(longest), 10.0, 40.0);
        }
        double total = 0;
        for (double w : weight) total += w;
        std::vector<double> widths;
        for (double w : weight) widths.push_back(kContentWidth * w / total);
        header_ = columns;
        if (y_ + 40 > Bottom()) NewPage();
        Row(columns, widths, true, true);
        for (const auto& r : rows) {
            std::vector<std::string> cells = r;
            cells.resize(columns.size());
            Row(cells, widths, false, true);
        }
        header_.clear();
        y_ += 6;
    }

    cairo_t* cr_;
    const ReportDocument& doc_;
    int total_;
    int page_ = 0;
    double y_ = kMargin;
    std::vector<std::string> header_;
};

int RenderInto(std::string& out, const ReportDocument& doc, int total_pages) {
    cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(Append, &out, kPageWidth, kPageHeight);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, doc.title.c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, doc.author.c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, doc.subject.c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Samverkan");
    if (!doc.created_at.empty()) {
        std::string at = doc.created_at.substr(0, 19);
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, at.c_str());
    }
    cairo_t* cr = cairo_create(surface);
    int pages = PdfLayout(cr, doc, total_pages).Render();
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    cairo_status_t status = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (status != CAIRO_STATUS_SUCCESS) throw std::runtime_error(std::string("PDF rendering failed: ") + cairo_status_to_string(status));
    return pages;
}

}  // namespace

std::string RenderPdf(const ReportDocument& doc) {
    std::string counting;
    int pages = RenderInto(counting, doc, 0);
    std::string out;
    RenderInto(out, doc, pages);
    return out;
}

}  // namespace samverkan::reports
