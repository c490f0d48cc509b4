#include "governance/agreement.hpp"

#include <gtest/gtest.h>

namespace samverkan::governance {
namespace {

Agreement Make(const std::string& id, AgreementStatus status, const std::string& start,
               std::optional<std::string> end = std::nullopt, const std::string& scope = "citywide") {
    Agreement a;
    a.id = id;
    a.title = id;
    a.scope = scope;
    a.status = status;
    a.period_start = start;
    a.period_end = std::move(end);
    if (scope == "local") a.district_id = "järva";
    return a;
}

TEST(AgreementRulesTest, OnlyTheStatusLadderIsAllowed) {
    // from, to, allowed
    const std::tuple<AgreementStatus, AgreementStatus, bool> cases[] = {
        {AgreementStatus::kDraft, AgreementStatus::kProposed, true},
        {AgreementStatus::kDraft, AgreementStatus::kSigned, false},
        {AgreementStatus::kDraft, AgreementStatus::kInForce, false},
        {AgreementStatus::kProposed, AgreementStatus::kDraft, true},
        {AgreementStatus::kProposed, AgreementStatus::kInForce, false},
        {AgreementStatus::kSigned, AgreementStatus::kDraft, false},
        {AgreementStatus::kSigned, AgreementStatus::kInForce, true},
        {AgreementStatus::kInForce, AgreementStatus::kDraft, false},
        {AgreementStatus::kInForce, AgreementStatus::kSuperseded, false},
        {AgreementStatus::kSuperseded, AgreementStatus::kInForce, false},
    };
    for (auto [from, to, allowed] : cases) {
        Agreement a = Make("a", from, "2030-01-01");
        a.signatories = {{"city", "x", "y", std::nullopt}, {"police", "x", "y", std::nullopt}};
        EXPECT_EQ(!TransitionRefusal(a, to, {}).has_value(), allowed) << StatusName(from) << " -> " << StatusName(to);
    }
}

TEST(AgreementRulesTest, SigningNeedsASignatoryOfEachParty) {
    Agreement a = Make("a", AgreementStatus::kProposed, "2030-01-01");
    EXPECT_NE(TransitionRefusal(a, AgreementStatus::kSigned, {})->find("the city and the police"), std::string::npos);
    a.signatories = {{"city", "Ordförande", "KS", std::nullopt}};
    EXPECT_NE(TransitionRefusal(a, AgreementStatus::kSigned, {})->find("missing: the police"), std::string::npos);
    a.signatories.push_back({"police", "Regionpolischef", "Polisen", std::nullopt});
    EXPECT_FALSE(TransitionRefusal(a, AgreementStatus::kSigned, {}).has_value());
}

TEST(AgreementRulesTest, TwoCitywideAgreementsCannotBeInForceOnTheSameDay) {
    Agreement current = Make("current", AgreementStatus::kInForce, "2021-01-01");
    Agreement later = Make("new", AgreementStatus::kSigned, "2026-01-01");
    auto why = TransitionRefusal(later, AgreementStatus::kInForce, {current, later});
    ASSERT_TRUE(why);
    EXPECT_NE(why->find("same day"), std::string::npos);
    // Once the current one has ended, the next may follow from the day after.
    current.period_end = "2025-12-31";
    EXPECT_FALSE(TransitionRefusal(later, AgreementStatus::kInForce, {current, later}).has_value());
    later.period_start = "2025-12-31";
    EXPECT_TRUE(TransitionRefusal(later, AgreementStatus::kInForce, {current, later}).has_value());
}

TEST(AgreementRulesTest, ANewVersionTakesOverFromItsPredecessorButMustStartAfterIt) {
    Agreement v1 = Make("v1", AgreementStatus::kInForce, "2021-01-01");
    Agreement v2 = Make("v2", AgreementStatus::kSigned, "2026-01-01");
    v2.previous_version_id = "v1";
    EXPECT_FALSE(TransitionRefusal(v2, AgreementStatus::kInForce, {v1, v2}).has_value());
    v2.period_start = "2021-01-01";
    EXPECT_NE(TransitionRefusal(v2, AgreementStatus::kInForce, {v1, v2})->find("before or on the start"), std::string::npos);
}

TEST(AgreementRulesTest, LocalAgreementsClashOnlyWithinTheirDistrict) {
    Agreement jarva = Make("j1", AgreementStatus::kInForce, "2023-07-01", std::nullopt, "local");
    Agreement jarva2 = Make("j2", AgreementStatus::kSigned, "2024-01-01", std::nullopt, "local");
    Agreement bromma = Make("b1", AgreementStatus::kSigned, "2024-01-01", std::nullopt, "local");
    bromma.district_id = "bromma";
    Agreement citywide = Make("c", AgreementStatus::kInForce, "2021-01-01");
    EXPECT_TRUE(TransitionRefusal(jarva2, AgreementStatus::kInForce, {jarva, jarva2, citywide}).has_value());
    EXPECT_FALSE(TransitionRefusal(bromma, AgreementStatus::kInForce, {jarva, bromma, citywide}).has_value());
}

TEST(AgreementRulesTest, ASupersededAgreementReadsSoFromItsSuccessorsStart) {
    Agreement v1 = Make("v1", AgreementStatus::kInForce, "2021-01-01", "2025-12-31");
    v1.superseded_by = "v2";
    EXPECT_EQ(v1.EffectiveStatus("2025-12-31"), AgreementStatus::kInForce);
    EXPECT_EQ(v1.EffectiveStatus("2026-01-01"), AgreementStatus::kSuperseded);
    Agreement ended = Make("e", AgreementStatus::kInForce, "2021-01-01", "2022-12-31");
    EXPECT_EQ(ended.EffectiveStatus("2026-01-01"), AgreementStatus::kInForce) << "ended is not superseded";
}

TEST(AgreementRulesTest, DayBeforeCrossesMonthsYearsAndLeapDays) {
    EXPECT_EQ(DayBefore("2026-01-01"), "2025-12-31");
    EXPECT_EQ(DayBefore("2024-03-01"), "2024-02-29");
    EXPECT_EQ(DayBefore("2023-03-01"), "2023-02-28");
}

TEST(AgreementCompareTest, FindsAddedRemovedAndChangedItemsByCode) {
    Agreement v1 = Make("v1", AgreementStatus::kInForce, "2015-01-01");
    Agreement v2 = Make("v2", AgreementStatus::kInForce, "2021-01-01");
    v1.items = {{"focus_area", "ungdom", "Ungdomsbrottslighet", {{"description", "x"}}},
                {"focus_area", "trygghet", "Trygghet", {{"description", "a"}}},
                {"goal", "m1", "Fler trygga", {{"indicators", boost::json::array{{{"name", "Andel"}, {"target", 78}}}}}}};
    v2.items = {{"focus_area", "trygghet", "Otrygga platser", {{"description", "a"}}},
                {"focus_area", "unga-risk", "Unga i riskzonen", {{"description", "y"}}},
                {"goal", "m1", "Fler trygga", {{"indicators", boost::json::array{{{"name", "Andel"}, {"target", 80}}}}}}};
    auto diff = Compare(v1, v2);
    ASSERT_EQ(diff.size(), 4u);
    const SectionDiff& focus = diff[0];
    EXPECT_EQ(focus.kind, "focus_area");
    ASSERT_EQ(focus.added.size(), 1u);
    EXPECT_EQ(focus.added[0].code, "unga-risk");
    ASSERT_EQ(focus.removed.size(), 1u);
    EXPECT_EQ(focus.removed[0].code, "ungdom");
    ASSERT_EQ(focus.changed.size(), 1u);
    EXPECT_EQ(focus.changed[0].changes[0].field, "title");
    EXPECT_EQ(focus.changed[0].changes[0].from, boost::json::value("Trygghet"));
    const SectionDiff& goals = diff[2];
    ASSERT_EQ(goals.changed.size(), 1u);
    EXPECT_EQ(goals.changed[0].changes[0].field, "indicators");
    EXPECT_TRUE(goals.changed[0].changes[0].to.is_array()) << "lists are compared and sent as lists, not as text";
    EXPECT_TRUE(diff[1].added.empty() && diff[3].added.empty());
}

}  // namespace
}  // namespace samverkan::governance
