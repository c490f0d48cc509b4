#include "org/area_catalog.hpp"

#include "auth/actor.hpp"
#include "db/testing.hpp"
#include "org/area_importer.hpp"

namespace samverkan::org {
namespace {

class AreaCatalogDbTest : public db::testing::DatabaseTest {
protected:
    void SetUp() override {
        DatabaseTest::SetUp();
        if (IsSkipped()) return;
        ImportStockholmAreas(db(), db::testing::SourceDir() + "/data/stockholm", auth::Actor::System("test"));
        db::Lease c = db().Acquire(db::Access::kRead);
        catalog_ = AreaCatalog::Load(*c);
    }
    std::string Locate(double lat, double lon, const std::string& date) {
        LocatedArea l = catalog_.Locate(lat, lon, date);
        if (!l.found()) return "none";
        return l.neighbourhood->name + " / " + (l.district ? l.district->name : "-") + " / " +
               (l.police_area ? l.police_area->name : "-");
    }
    AreaCatalog catalog_;
};

// Known places, checked by hand against the city's maps. Input: lat, lon, date. Output: the
// neighbourhood / district / local police area the platform must assign.
struct Place {
    const char* what;
    double lat, lon;
    const char* date;
    const char* expected;
};

TEST_F(AreaCatalogDbTest, KnownPlacesLandInTheirAreasOnTheirDates) {
    const Place places[] = {
        {"Kista centrum, before the merger", 59.4030, 17.9447, "2023-06-30", "Kista / Rinkeby-Kista / Järva"},
        {"Kista centrum, after the merger", 59.4030, 17.9447, "2023-07-01", "Kista / Järva / Järva"},
        {"Sergels torg, 13 districts", 59.3326, 18.0649, "2022-01-01", "Norrmalm / Norrmalm / Norrmalm"},
        {"Sergels torg, 11 districts", 59.3326, 18.0649, "2024-01-01", "Norrmalm / Norra innerstaden / Norrmalm"},
        {"Sergels torg, after the LPO split", 59.3326, 18.0649, "2025-01-01",
         "Norrmalm / Norra innerstaden / Norra innerstaden"},
        {"Stortorget, Gamla stan", 59.3251, 18.0707, "2024-01-01", "Gamla stan / Södermalm / Södermalm"},
        {"Globen", 59.2935, 18.0831, "2024-01-01", "Johanneshov / Enskede-Årsta-Vantör / Globen"},
        {"Riddarfjärden, open water", 59.3245, 18.0515, "2024-01-01", "none"},
        {"Outside the city (Södertälje way)", 59.0, 17.6, "2024-01-01", "none"},
    };
    for (const Place& p : places) EXPECT_EQ(Locate(p.lat, p.lon, p.date), p.expected) << p.what;
}

TEST_F(AreaCatalogDbTest, DistrictCountsFollowTheLayoutOfTheDate) {
    EXPECT_EQ(catalog_.ValidOn("2022-01-01", "district").size(), 13u);
    EXPECT_EQ(catalog_.ValidOn("2024-01-01", "district").size(), 11u);
    EXPECT_EQ(catalog_.ValidOn("2024-01-01", "neighbourhood").size(), 117u);
    EXPECT_EQ(catalog_.ValidOn("2024-01-01", "police_area").size(), 7u);
    EXPECT_EQ(catalog_.ValidOn("2025-06-01", "police_area").size(), 8u);
}

TEST_F(AreaCatalogDbTest, EveryNeighbourhoodHasADistrictAndPoliceAreaInBothEras) {
    for (const char* date : {"2022-01-01", "2024-01-01", "2026-01-01"})
        for (const Area* n : catalog_.ValidOn(date, "neighbourhood")) {
            EXPECT_NE(catalog_.Parent(n->id, "district", date), nullptr) << n->name << " " << date;
            EXPECT_NE(catalog_.Parent(n->id, "police_area", date), nullptr) << n->name << " " << date;
        }
}

TEST_F(AreaCatalogDbTest, ImportingTwiceChangesNothing) {
    std::string before;
    {
        db::Lease c = db().Acquire(db::Access::kRead);
        before = c->Query("SELECT COUNT(*) AS n FROM areas").text(0, "n") + "/" +
                 c->Query("SELECT COUNT(*) AS n FROM area_links").text(0, "n");
    }
    ImportStockholmAreas(db(), db::testing::SourceDir() + "/data/stockholm", auth::Actor::System("test"));
    db::Lease c = db().Acquire(db::Access::kRead);
    EXPECT_EQ(c->Query("SELECT COUNT(*) AS n FROM areas").text(0, "n") + "/" +
                  c->Query("SELECT COUNT(*) AS n FROM area_links").text(0, "n"),
              before);
    AreaCatalog again = AreaCatalog::Load(*c);
    EXPECT_EQ(again.Locate(59.4030, 17.9447, "2024-01-01").neighbourhood->id,
              catalog_.Locate(59.4030, 17.9447, "2024-01-01").neighbourhood->id);
}

TEST_F(AreaCatalogDbTest, MapHasEveryNeighbourhoodWithItsDistrict) {
    std::string map = catalog_.MapGeoJson("2024-01-01");
    EXPECT_EQ(map.rfind(R"({"type":"FeatureCollection")", 0), 0u);
    std::size_t features = 0;
    for (std::size_t pos = 0; (pos = map.find(R"("type":"Feature")", pos)) != std::string::npos; ++pos) ++features;
    EXPECT_EQ(features, 117u);
    EXPECT_NE(map.find(R"("name":"Hägersten","district_id")"), std::string::npos);
}

}  // namespace
}  // namespace samverkan::org
