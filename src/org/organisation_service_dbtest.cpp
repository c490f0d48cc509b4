#include "org/organisation_service.hpp"

#include "auth/user_repository.hpp"
#include "common/errors.hpp"
#include "db/testing.hpp"
#include "org/area_importer.hpp"

namespace samverkan::org {
namespace {

class OrganisationServiceDbTest : public db::testing::DatabaseTest {
protected:
    void SetUp() override {
        DatabaseTest::SetUp();
        if (IsSkipped()) return;
        authz_ = std::make_unique<auth::Authorizer>(policy_, db());
        service_ = std::make_unique<OrganisationService>(db(), *authz_, areas_);
        admin_.id = UserId("u-admin");
        admin_.username = "admin";
        admin_.grants = {{auth::Role::kAdministrator, std::nullopt, std::nullopt}};
        politician_.id = UserId("u-pol");
        politician_.username = "politician";
        politician_.grants = {{auth::Role::kPolitician, std::nullopt, std::nullopt}};
    }
    std::size_t Count() { return service_->List(admin_).size(); }
    auth::Policy policy_;
    std::unique_ptr<auth::Authorizer> authz_;
    AreaCatalog areas_;
    std::unique_ptr<OrganisationService> service_;
    auth::Actor admin_, politician_;
};

TEST_F(OrganisationServiceDbTest, CreatesAHierarchyAndAuditsIt) {
    Organisation region = service_->Create(admin_, {"Polisregion Stockholm", "police_region", std::nullopt, std::nullopt});
    Organisation lpo = service_->Create(admin_, {"LPO Järva", "local_police_area", region.id, std::nullopt});
    EXPECT_EQ(service_->Get(admin_, lpo.id).parent_id, region.id);
    db::Lease c = db().Acquire(db::Access::kRead);
    EXPECT_EQ(c->Query("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'organisation.create'").integer(0, "n"), 2);
}

TEST_F(OrganisationServiceDbTest, BadInputNamesTheFieldAndStoresNothing) {
    auto field_of = [&](const NewOrganisation& in) -> std::string {
        try {
            service_->Create(admin_, in);
        } catch (const ValidationError& e) {
            return e.Field();
        }
        return "accepted";
    };
    EXPECT_EQ(field_of({"", "external_actor", std::nullopt, std::nullopt}), "name");
    EXPECT_EQ(field_of({"X", "ministry", std::nullopt, std::nullopt}), "kind");
    EXPECT_EQ(field_of({"X", "external_actor", "no-such-org", std::nullopt}), "parent_id");
    EXPECT_EQ(field_of({"X", "external_actor", std::nullopt, "no-such-area"}), "area_id");
    EXPECT_EQ(Count(), 0u);
}

TEST_F(OrganisationServiceDbTest, ADuplicateIsAConflict) {
    service_->Create(admin_, {"Fastighetsägarna", "external_actor", std::nullopt, std::nullopt});
    EXPECT_THROW(service_->Create(admin_, {"Fastighetsägarna", "external_actor", std::nullopt, std::nullopt}), db::Error);
    EXPECT_EQ(Count(), 1u);
}

TEST_F(OrganisationServiceDbTest, APoliticianMayReadButNotCreateAndTheRefusalIsAudited) {
    EXPECT_NO_THROW(service_->List(politician_));
    EXPECT_THROW(service_->Create(politician_, {"X", "external_actor", std::nullopt, std::nullopt}), ForbiddenError);
    EXPECT_EQ(Count(), 0u);
    db::Lease c = db().Acquire(db::Access::kRead);
    db::Result r = c->Query("SELECT actor_name, outcome FROM audit_log WHERE action = 'authz.deny'");
    ASSERT_EQ(r.size(), 1u);
    EXPECT_EQ(r.text(0, "actor_name"), "politician");
    EXPECT_EQ(r.text(0, "outcome"), "denied");
}

TEST_F(OrganisationServiceDbTest, AnonymousIsUnauthenticatedNotForbidden) {
    EXPECT_THROW(service_->List(auth::Actor::Anonymous("r")), UnauthenticatedError);
}

TEST_F(OrganisationServiceDbTest, ACoordinatorCreatesOnlyInsideTheirOwnTree) {
    Organisation slk = service_->Create(admin_, {"Stadsledningskontoret", "city_executive_office", std::nullopt, std::nullopt});
    Organisation region = service_->Create(admin_, {"Polisregion Stockholm", "police_region", std::nullopt, std::nullopt});
    auth::Actor coordinator;
    coordinator.id = UserId("u-coord");
    coordinator.username = "coordinator";
    coordinator.grants = {{auth::Role::kCoordinator, OrganisationId(slk.id), std::nullopt}};
    EXPECT_NO_THROW(service_->Create(coordinator, {"Socialnämnden", "specialist_committee", slk.id, std::nullopt}));
    EXPECT_THROW(service_->Create(coordinator, {"LPO X", "local_police_area", region.id, std::nullopt}), ForbiddenError);
}

}  // namespace
}  // namespace samverkan::org
