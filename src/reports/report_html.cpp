#include "reports/report_document.hpp"

namespace samverkan::reports {
namespace {
std::string Escape(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}
// Paragraphs from blank-line separated text; single line breaks kept.
std::string Paragraphs(const std::string& text) {
    std::string out, para;
    auto flush = [&] {
        if (!para.empty()) out += "<p>" + para + "</p>\n";
        para.clear();
    };
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        std::string line = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (line.find_first_not_of(" \t\r") == std::string::npos) flush();
        else para += (para.empty() ? "" : "<br>") + Escape(line);
        if (end == std::string::npos) break;
        start = end + 1;
    }
    flush();
    return out;
}
}  // namespace

std::string RenderHtml(const ReportDocument& doc) {
    std::string h = "<!doctype html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + Escape(doc.title) +
                    "</title>\n<meta name=\"author\" content=\"" + Escape(doc.author) + "\">\n<meta name=\"description\" content=\"" +
                    Escape(doc.subject) + "\">\n<style>\n"
                    "body{font-family:'DejaVu Sans',Arial,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;line-height:1.5}\n"
                    "table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{border:1px solid #767676;padding:.35rem .5rem;text-align:left;vertical-align:top}\n"
                    "th{background:#eef1f6}caption{text-align:left;font-weight:bold;margin-bottom:.25rem}dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:bold}\n"
                    "@media print{body{margin:0}}\n</style>\n</head>\n<body>\n<main>\n<h1>" + Escape(doc.title) + "</h1>\n<dl>\n";
    for (const auto& [label, value] : doc.facts) h += "<dt>" + Escape(label) + "</dt><dd>" + Escape(value) + "</dd>\n";
    h += "</dl>\n";
    for (const ReportSection& s : doc.sections) {
        h += "<section>\n<h2>" + Escape(s.title) + "</h2>\n" + Paragraphs(s.body);
        if (!s.columns.empty() && !s.rows.empty()) {
            h += "<table>\n<caption>" + Escape(s.title) + "</caption>\n<thead><tr>";
            for (const auto& c : s.columns) h += "<th scope=\"col\">" + Escape(c) + "</th>";
            h += "</tr></thead>\n<tbody>\n";
            for (const auto& row : s.rows) {
                h += "<tr>";
                for (const auto& cell : row) h += "<td>" + Escape(cell) + "</td>";
                h += "</tr>\n";
            }
            h += "</tbody>\n</table>\n";
        }
        h += "</section>\n";
    }
    h += "</main>\n</body>\n</html>\n";
    return h;
}

}  // namespace samverkan::reports
