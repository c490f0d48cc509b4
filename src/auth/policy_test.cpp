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

}  // namespace
}  // namespace samverkan::auth
