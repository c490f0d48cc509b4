#include "auth/policy.hpp"

#include <gtest/gtest.h>

namespace samverkan::auth {
namespace {

Actor WithGrants(std::vector<Grant> grants) {
    Actor a;
    a.id = UserId("u1");
    a.username = "u1";
    a.grants = std::move(grants);
    return a;
}

TEST(PolicyTest, DeniesByDefault) {
    Policy p;
    Actor nobody = WithGrants({});
    EXPECT_FALSE(p.Decide(nobody, Action::kCreateOrganisation, {"organisation"}).allowed);
    EXPECT_FALSE(p.Decide(nobody, Action::kEditAgreement, {"agreement"}).allowed);
    EXPECT_FALSE(p.Decide(nobody, Action::kReadAudit, {"audit"}).allowed);
}

TEST(PolicyTest, AnonymousMayNotEvenReadReferenceData) {
    Policy p;
    Decision d = p.Decide(Actor::Anonymous("r"), Action::kReadOrganisations, {"organisation"});
    EXPECT_FALSE(d.allowed);
    EXPECT_EQ(d.reason, "sign-in required");
}

TEST(PolicyTest, EverySignedInRoleReadsOrganisationsAndAreas) {
    Policy p;
    for (Role r : {Role::kAdministrator, Role::kCoordinator, Role::kGroupMember, Role::kIncidentReporter,
                   Role::kPolitician, Role::kCaseWorker}) {
        Actor a = WithGrants({{r, std::nullopt, std::nullopt}});
        EXPECT_TRUE(p.Decide(a, Action::kReadOrganisations, {"organisation"}).allowed) << RoleName(r);
        EXPECT_TRUE(p.Decide(a, Action::kReadAreas, {"area"}).allowed) << RoleName(r);
    }
}

TEST(PolicyTest, OnlyAdministratorsReadTheAuditLog) {
    Policy p;
    EXPECT_TRUE(p.Decide(WithGrants({{Role::kAdministrator, std::nullopt, std::nullopt}}), Action::kReadAudit, {"audit"}).allowed);
    EXPECT_FALSE(p.Decide(WithGrants({{Role::kCoordinator, std::nullopt, std::nullopt}}), Action::kReadAudit, {"audit"}).allowed);
}

TEST(PolicyTest, PoliticiansReadAgreementsButOnlyCoordinatorsEditThem) {
    Policy p;
    Actor politician = WithGrants({{Role::kPolitician, std::nullopt, std::nullopt}});
    Actor member = WithGrants({{Role::kGroupMember, std::nullopt, AreaId("järva")}});
    Actor district_coordinator = WithGrants({{Role::kCoordinator, std::nullopt, AreaId("järva")}});
    Resource citywide{"agreement", "a1", {}, {}};
    Resource jarva_local{"agreement", "a2", {}, {AreaId("järva"), AreaId("stockholm")}};
    EXPECT_TRUE(p.Decide(politician, Action::kReadAgreements, citywide).allowed);
    EXPECT_FALSE(p.Decide(politician, Action::kEditAgreement, citywide).allowed);
    EXPECT_FALSE(p.Decide(member, Action::kEditAgreement, jarva_local).allowed);
    EXPECT_TRUE(p.Decide(district_coordinator, Action::kEditAgreement, jarva_local).allowed);
    EXPECT_FALSE(p.Decide(district_coordinator, Action::kEditAgreement, citywide).allowed);
}

TEST(PolicyTest, AScopedGrantCoversItsAreaAndDescendantsOnly) {
    Policy p;
    Actor coordinator = WithGrants({{Role::kCoordinator, std::nullopt, AreaId("järva")}});
    Resource in_jarva{"organisation", "o1", {}, {AreaId("kista"), AreaId("järva"), AreaId("stockholm")}};
    Resource in_sodermalm{"organisation", "o2", {}, {AreaId("gamla-stan"), AreaId("södermalm"), AreaId("stockholm")}};
    EXPECT_TRUE(p.Decide(coordinator, Action::kCreateOrganisation, in_jarva).allowed);
    Decision d = p.Decide(coordinator, Action::kCreateOrganisation, in_sodermalm);
    EXPECT_FALSE(d.allowed);
    EXPECT_NE(d.reason.find("organisation.create"), std::string::npos);
}

TEST(PolicyTest, AGrantNarrowedOnBothAxesNeedsBothToMatch) {
    Grant g{Role::kCoordinator, OrganisationId("sdn-järva"), AreaId("järva")};
    EXPECT_TRUE(GrantCovers(g, {"x", {}, {OrganisationId("sdn-järva")}, {AreaId("järva")}}));
    EXPECT_FALSE(GrantCovers(g, {"x", {}, {OrganisationId("sdn-järva")}, {AreaId("bromma")}}));
    EXPECT_FALSE(GrantCovers(g, {"x", {}, {OrganisationId("lpo")}, {AreaId("järva")}}));
    EXPECT_FALSE(GrantCovers(g, {"x", {}, {}, {}}));
}

TEST(PolicyTest, GroupMembersRecordOnlyTheirOwnGroupsWork) {
    Policy p;
    Actor member = WithGrants({{Role::kGroupMember, std::nullopt, AreaId("järva")}});  // id "u1"
    Resource own{"group", "g1", {}, {}, {{"group_members", {"u7", "u1"}}}};
    Resource other{"group", "g2", {}, {}, {{"group_members", {"u7"}}}};
    EXPECT_TRUE(p.Decide(member, Action::kRecordGroupWork, own).allowed);
    EXPECT_FALSE(p.Decide(member, Action::kRecordGroupWork, other).allowed);
    // Being listed is not enough without the role: a politician on a group's list does not record.
    Actor politician = WithGrants({{Role::kPolitician, std::nullopt, std::nullopt}});
    EXPECT_FALSE(p.Decide(politician, Action::kRecordGroupWork, own).allowed);
    EXPECT_FALSE(p.Decide(member, Action::kOverrideConsultation, own).allowed);
}

// Action plans: a district's plan is its coordinators' and its local group's; the citywide plan is the
// unscoped coordinators'; a measure's owners update it; politicians comment but never edit.
TEST(PolicyTest, PlansAreEditedByTheirDistrictAndMeasuresByTheirOwners) {
    Policy p;
    auto plan = [](const char* district) {
        Resource r{"action_plan", "plan-1"};
        r.area_only = true;
        if (district) r.areas = {AreaId(district), AreaId("city")};
        else r.areas = {AreaId("city")};
        return r;
    };
    Actor jarva_coord = WithGrants({{Role::kCoordinator, OrganisationId("sdn-jarva"), AreaId("jarva")}});
    Actor city_coord = WithGrants({{Role::kCoordinator, std::nullopt, std::nullopt}});
    EXPECT_TRUE(p.Decide(jarva_coord, Action::kEditPlan, plan("jarva")).allowed) << "the plan has no organisation axis";
    EXPECT_FALSE(p.Decide(jarva_coord, Action::kEditPlan, plan("sodermalm")).allowed);
    EXPECT_FALSE(p.Decide(jarva_coord, Action::kEditPlan, plan(nullptr)).allowed) << "the citywide plan";
    EXPECT_TRUE(p.Decide(city_coord, Action::kEditPlan, plan(nullptr)).allowed);
    EXPECT_TRUE(p.Decide(jarva_coord, Action::kCommentPlan, plan(nullptr)).allowed) << "comments are not edits";

    Actor member = WithGrants({{Role::kGroupMember, OrganisationId("sdn-jarva"), AreaId("jarva")}});
    Resource local = plan("jarva");
    EXPECT_FALSE(p.Decide(member, Action::kEditPlan, local).allowed) << "not yet in the local group";
    local.relations["local_group_members"] = {"u1"};
    EXPECT_TRUE(p.Decide(member, Action::kEditPlan, local).allowed);
    EXPECT_TRUE(p.Decide(member, Action::kCommentPlan, local).allowed);

    Actor reporter = WithGrants({{Role::kIncidentReporter, OrganisationId("lpo"), AreaId("sodermalm")}});
    Resource measure = plan("sodermalm");
    measure.type = "measure";
    EXPECT_FALSE(p.Decide(reporter, Action::kUpdateMeasure, measure).allowed);
    measure.relations["measure_owners"] = {"u1"};
    EXPECT_TRUE(p.Decide(reporter, Action::kUpdateMeasure, measure).allowed);
    EXPECT_FALSE(p.Decide(reporter, Action::kEditPlan, measure).allowed) << "owning a measure is not editing the plan";
    EXPECT_FALSE(p.Decide(reporter, Action::kCommentPlan, measure).allowed);

    Actor politician = WithGrants({{Role::kPolitician, std::nullopt, std::nullopt}});
    EXPECT_TRUE(p.Decide(politician, Action::kReadPlans, plan("jarva")).allowed);
    EXPECT_TRUE(p.Decide(politician, Action::kCommentPlan, plan("jarva")).allowed);
    EXPECT_FALSE(p.Decide(politician, Action::kEditPlan, plan("jarva")).allowed);
    EXPECT_FALSE(p.Decide(politician, Action::kUpdateMeasure, measure).allowed) << "an owner relation needs a staff role";
    EXPECT_FALSE(p.Decide(Actor::Anonymous("r"), Action::kReadPlans, plan("jarva")).allowed);
}

}  // namespace
}  // namespace samverkan::auth
