#include "common/csv.hpp"

#include <gtest/gtest.h>

namespace samverkan {
namespace {

TEST(CsvTest, ReadsQuotedFieldsWithCommasQuotesAndNewlines) {
    auto rows = ParseCsv("a,b,c\r\n\"x, y\",\"say \"\"hej\"\"\",\"two\nlines\"\n");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[1][0], "x, y");
    EXPECT_EQ(rows[1][1], "say \"hej\"");
    EXPECT_EQ(rows[1][2], "two\nlines");
}

TEST(CsvTest, KeepsEmptyFieldsAndSkipsBlankLines) {
    auto rows = ParseCsv("a,,c\n\n,\n");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0], (CsvRow{"a", "", "c"}));
    EXPECT_EQ(rows[1], (CsvRow{"", ""}));
}

TEST(CsvTest, WrittenRowsReadBackAsTheSameFields) {
    std::vector<CsvRow> rows = {{"id", "titel", "notering"},
                                {"", "Trygg; belyst", "rad ett\nrad två"},
                                {"x", "\"citat\"", " inledande blanksteg"},
                                {"åäö", "", "slut "}};
    std::string out;
    for (const auto& r : rows) AppendCsvRow(out, r, ';');
    EXPECT_EQ(ParseCsv(out, ';'), rows);
    EXPECT_NE(out.find("\"Trygg; belyst\""), std::string::npos);
    EXPECT_EQ(out.substr(0, 18), "id;titel;notering\r");
}

TEST(CsvTest, AnUnterminatedQuoteIsAnError) { EXPECT_THROW(ParseCsv("a,\"b\n"), std::invalid_argument); }

}  // namespace
}  // namespace samverkan

#include "common/json_strings.hpp"

namespace samverkan {
namespace {

TEST(JsonStringsTest, RoundTripsAndRefusesOtherShapes) {
    std::vector<std::string> v{"a", "Järva", "x\"y"};
    EXPECT_EQ(ParseStringArray(StringArrayJson(v)), v);
    EXPECT_TRUE(ParseStringArray("[]").empty());
    EXPECT_THROW(ParseStringArray("{}"), std::invalid_argument);
    EXPECT_THROW(ParseStringArray("[1]"), std::invalid_argument);
}

}  // namespace
}  // namespace samverkan
