// The report laid out once, as a sequence of blocks (headings, paragraphs,
// lists, tables, charts, page breaks), so report.html and report.pdf show the
// same content in the same order: the plain first part for the commune
// official, then the technical annex for the inspector (structured after
// requirements.md §4.4). Renderers only decide how each block looks.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "reports/model/report_model.hpp"
#include "reports/render/chart.hpp"

namespace vca::report::doc {

enum class Style {
    Plain,
    English,   // the English line under or after the Vietnamese one
    Strong,
    Italic,
    Code,      // identifiers, evidence references, hashes
    Status,    // tag = status key, coloured
    Severity,  // tag = severity key, a coloured badge
    Break,     // a line break (text empty)
};

struct Span {
    Style style = Style::Plain;
    std::string text;  // raw text: renderers escape it
    std::string tag;
};

using Rich = std::vector<Span>;

enum class Box { None, VerdictPass, VerdictFail, VerdictIncomplete, Demo, Note };

struct Heading {
    int level = 2;  // 1 title, 2 section, 3 subsection
    Rich text;
};

struct Paragraph {
    Rich text;
    Box box = Box::None;
    bool small = false;
};

struct List {
    std::vector<Rich> items;  // numbered
};

struct Table {
    std::vector<Rich> header;     // empty: a key/value table without borders
    std::vector<double> widths;   // relative column widths, one per column
    std::vector<std::vector<Rich>> rows;
};

struct Chart {
    ChartDrawing drawing;
};

struct PageBreak {};

using Block = std::variant<Heading, Paragraph, List, Table, Chart, PageBreak>;

struct Document {
    std::string title;  // plain text: HTML <title>, PDF metadata
    std::vector<Block> blocks;
};

// How many failed rules the first page lists under "fix these first".
inline constexpr std::size_t kFixFirstCount = 5;

Document build_document(const ReportModel& model);

// Concatenated text of a Rich, for tests and plain-text uses.
std::string plain_text(const Rich& text);

}  // namespace vca::report::doc
