#include "org/organisation_service.hpp"

#include "audit/audit_log.hpp"
#include "common/errors.hpp"
#include "common/random.hpp"
#include "common/time.hpp"
#include "org/organisation_repository.hpp"

namespace samverkan::org {

std::vector<Organisation> OrganisationService::List(const auth::Actor& actor) {
    authz_.Require(actor, auth::Action::kReadOrganisations, {"organisation"});
    db::Lease c = db_.Acquire(db::Access::kRead);
    return OrganisationRepository::List(*c);
}

Organisation OrganisationService::Get(const auth::Actor& actor, const std::string& id) {
    authz_.Require(actor, auth::Action::kReadOrganisations, {"organisation", id});
    db::Lease c = db_.Acquire(db::Access::kRead);
    auto o = OrganisationRepository::Find(*c, id);
    if (!o) throw NotFoundError("No organisation with id " + id + ".");
    return *o;
}

Organisation OrganisationService::Create(const auth::Actor& actor, const NewOrganisation& in) {
    if (in.name.empty() || in.name.size() > 200) throw ValidationError("name must be 1 to 200 bytes", "name");
    if (!IsOrganisationKind(in.kind)) throw ValidationError("Unknown organisation kind '" + in.kind + "'.", "kind");
    if (in.area_id && !areas_.Get(*in.area_id)) throw ValidationError("No area with id " + *in.area_id + ".", "area_id");
    Organisation o{NewUuid(), in.name, in.kind, in.parent_id, in.area_id};
    // Decide before taking the writer: a refusal writes its own audit row, which needs the writer.
    auth::Resource res{"organisation", o.id};
    {
        db::Lease c = db_.Acquire(db::Access::kRead);
        if (in.parent_id) {
            if (!OrganisationRepository::Find(*c, *in.parent_id))
                throw ValidationError("No organisation with id " + *in.parent_id + ".", "parent_id");
            for (auto& id : OrganisationRepository::WithAncestors(*c, *in.parent_id)) res.organisations.emplace_back(id);
        }
    }
    if (in.area_id)
        for (auto& id : areas_.WithAncestors(*in.area_id, db_.clock().TodayStockholm())) res.areas.emplace_back(id);
    authz_.Require(actor, auth::Action::kCreateOrganisation, res);
    return db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        OrganisationRepository::Insert(c, o);
        audit::Append(c, audit::ByActor(actor, "organisation.create", "organisation", o.id,
                                        {{"name", o.name},
                                         {"kind", o.kind},
                                         {"parent_id", o.parent_id ? boost::json::value(*o.parent_id) : nullptr},
                                         {"area_id", o.area_id ? boost::json::value(*o.area_id) : nullptr}}));
        return o;
    });
}

}  // namespace samverkan::org
