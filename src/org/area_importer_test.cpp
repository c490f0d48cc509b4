#include "org/area_importer.hpp"

#include <gtest/gtest.h>

namespace samverkan::org {
namespace {

TEST(NeighbourhoodDisplayNameTest, WritesSwedishPlaceNamesTheWayTheCityDoes) {
    const std::pair<const char*, const char*> cases[] = {
        {"KISTA", "Kista"},
        {"GAMLA STAN", "Gamla stan"},
        {"HÄGERSTEN", "Hägersten"},
        {"ÖSTERMALM", "Östermalm"},
        {"ÅRSTA", "Årsta"},
        {"ENSKEDE GÅRD", "Enskede gård"},
        {"ÖRBY SLOTT", "Örby slott"},
        {"SÖDRA HAMMARBYHAMNEN", "Södra Hammarbyhamnen"},
        {"NORRA DJURGÅRDEN", "Norra Djurgården"},
        {"ULVSUNDA INDUSTRIOMR", "Ulvsunda industriområde"},
    };
    for (auto [in, out] : cases) EXPECT_EQ(NeighbourhoodDisplayName(in), out);
}

}  // namespace
}  // namespace samverkan::org
