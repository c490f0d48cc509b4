#include "governance/mandate.hpp"

#include <gtest/gtest.h>

#include "governance/consultation.hpp"
#include "governance/group.hpp"

namespace samverkan::governance {
namespace {

// Areas as a tiny tree: kista and tensta lie in järva; gamla-stan in södermalm.
bool Covers(const std::string& rule_area, const std::string& area) {
    if (rule_area == area) return true;
    if (rule_area == "järva") return area == "kista" || area == "tensta";
    if (rule_area == "södermalm") return area == "gamla-stan";
    return false;
}

DelegationRule Rule() {
    DelegationRule r;
    r.id = "r1";
    r.matter_type = "measure";
    r.amount_limit_sek = 500000;
    r.area_ids = {"järva"};
    r.horizon_months = 12;
    r.escalate_to_id = "ks";
    r.valid_from = "2023-07-01";
    return r;
}

DecisionFacts Facts(long long amount, std::vector<std::string> areas, int horizon, std::string date = "2024-03-01") {
    return {"measure", amount, std::move(areas), horizon, std::move(date)};
}

TEST(MandateTest, WithinEveryLimitIsWithinTheMandate) {
    Evaluation e = EvaluateAgainstMandate(Facts(500000, {"kista", "tensta"}, 12), {Rule()}, Covers);
    EXPECT_TRUE(e.within);
    EXPECT_EQ(e.rule_id, "r1");
    EXPECT_EQ(e.escalate_to_id, "ks");
}

TEST(MandateTest, EachLimitBrokenIsAReason) {
    // amount, areas, horizon -> number of reasons
    const std::tuple<long long, std::vector<std::string>, int, std::size_t> cases[] = {
        {500001, {"kista"}, 12, 1},
        {1000, {"gamla-stan"}, 12, 1},
        {1000, {"kista"}, 13, 1},
        {900000, {"gamla-stan", "kista"}, 24, 3},
    };
    for (const auto& [amount, areas, horizon, reasons] : cases) {
        Evaluation e = EvaluateAgainstMandate(Facts(amount, areas, horizon), {Rule()}, Covers);
        EXPECT_FALSE(e.within);
        EXPECT_EQ(e.reasons.size(), reasons) << amount << " " << horizon;
        EXPECT_EQ(e.escalate_to_id, "ks") << "outside a matching rule, the rule's body is the one to escalate to";
    }
}

TEST(MandateTest, ADecisionIsJudgedByTheRuleValidOnItsDate) {
    DelegationRule old = Rule();
    old.valid_to = "2024-01-01";
    old.amount_limit_sek = 100000;
    DelegationRule current = Rule();
    current.id = "r2";
    current.valid_from = "2024-01-01";
    EXPECT_FALSE(EvaluateAgainstMandate(Facts(200000, {"kista"}, 6, "2023-12-31"), {old, current}, Covers).within);
    Evaluation e = EvaluateAgainstMandate(Facts(200000, {"kista"}, 6, "2024-01-01"), {old, current}, Covers);
    EXPECT_TRUE(e.within);
    EXPECT_EQ(e.rule_id, "r2");
    EXPECT_FALSE(EvaluateAgainstMandate(Facts(1, {"kista"}, 1, "2023-06-30"), {old}, Covers).within) << "before any rule";
}

TEST(MandateTest, GoalsDirectionAndScopeAreNeverDelegable) {
    DelegationRule r = Rule();
    for (const char* type : {"goals", "direction", "scope"}) {
        r.matter_type = type;
        DecisionFacts f{type, 1, {"kista"}, 1, "2024-03-01"};
        Evaluation e = EvaluateAgainstMandate(f, {r}, Covers);
        EXPECT_FALSE(e.within) << type;
        EXPECT_NE(e.reasons.at(0).find("never delegable"), std::string::npos);
        EXPECT_TRUE(IsNonDelegable(type));
    }
    EXPECT_FALSE(IsNonDelegable("measure"));
}

TEST(ConsultationTest, LeadTimeIsCountedInCalendarDaysAcrossTheClockChange) {
    // 2024-03-31 is the spring clock change in Stockholm; days are calendar days regardless.
    std::vector<Consultation> fourteen{{"k", "d", "ks", "2024-03-20", "2024-04-02", ""}};
    EXPECT_EQ(CheckConsultation(true, "2024-04-03", 14, fourteen).state, ConsultationState::kInGoodTime);
    std::vector<Consultation> thirteen{{"k", "d", "ks", "2024-03-21", "2024-04-02", ""}};
    EXPECT_EQ(CheckConsultation(true, "2024-04-03", 14, thirteen).state, ConsultationState::kLate);
    std::vector<Consultation> open{{"k", "d", "ks", "2024-03-01", std::nullopt, ""}};
    EXPECT_EQ(CheckConsultation(true, "2024-04-03", 14, open).state, ConsultationState::kOpen);
    EXPECT_EQ(CheckConsultation(true, "2024-04-03", 14, {}).state, ConsultationState::kMissing);
    EXPECT_EQ(CheckConsultation(false, "2024-04-03", 14, {}).state, ConsultationState::kNotNeeded);
    EXPECT_TRUE(CheckConsultation(true, "2024-04-03", 14, open).BlocksFinalising());
    EXPECT_FALSE(CheckConsultation(true, "2024-04-03", 14, open).Flagged());
}

TEST(CompositionTest, BothPartiesAndEveryDistrictCommitteeInTheSteeringGroup) {
    std::vector<OrganisationFacts> orgs = {{"slk", "Stadsledningskontoret", "city_executive_office", "city"},
                                           {"lpo", "LPO Järva", "local_police_area", "police"},
                                           {"sdn-j", "Järva stadsdelsnämnd", "district_committee", "city"},
                                           {"sdn-s", "Södermalm stadsdelsnämnd", "district_committee", "city"}};
    Group g;
    g.kind = "steering";
    g.members = {{"m1", "A", "slk", "chair", {}}, {"m2", "B", "sdn-j", "member", {}}};
    auto problems = CompositionProblems(g, orgs);
    ASSERT_EQ(problems.size(), 2u);
    EXPECT_NE(problems[0].find("police"), std::string::npos);
    EXPECT_NE(problems[1].find("Södermalm stadsdelsnämnd"), std::string::npos);
    EXPECT_EQ(problems[1].find("Järva"), std::string::npos);
    g.members.push_back({"m3", "C", "lpo", "member", {}});
    g.members.push_back({"m4", "D", "sdn-s", "substitute", {}});
    EXPECT_EQ(CompositionProblems(g, orgs).size(), 1u) << "a substitute does not represent";
    g.members.back().role = "member";
    EXPECT_TRUE(CompositionProblems(g, orgs).empty());
    g.kind = "local";
    g.members = {{"m1", "A", "sdn-j", "chair", {}}, {"m2", "B", "lpo", "member", {}}};
    EXPECT_TRUE(CompositionProblems(g, orgs).empty()) << "the district rule is the steering group's";
}

}  // namespace
}  // namespace samverkan::governance
