#pragma once
#include <optional>
#include <string>
#include <vector>

#include "auth/authorizer.hpp"
#include "db/database.hpp"
#include "governance/agreement.hpp"
#include "org/area_catalog.hpp"

namespace samverkan::governance {

struct NewAgreement {
    std::string title;
    std::string scope;
    std::optional<std::string> district_id;
    std::optional<std::string> parent_id;
    std::string period_start;
    std::optional<std::string> period_end;
};

// The editable content of a draft.
struct AgreementContent {
    std::string title;
    std::string period_start;
    std::optional<std::string> period_end;
    std::string follow_up_plan;
    std::vector<Signatory> signatories;
    std::vector<AgreementItem> items;
};

struct AgreementView {
    Agreement agreement;
    AgreementStatus effective_status;
    std::vector<AgreementStatus> allowed_transitions;
    std::vector<const Agreement*> versions;  // oldest first; points into `all`
    std::vector<Agreement> all;
};

class AgreementService {
public:
    AgreementService(db::Database& db, const auth::Authorizer& authz, const org::AreaCatalog& areas)
        : db_(db), authz_(authz), areas_(areas) {}

    std::vector<Agreement> List(const auth::Actor& actor);
    AgreementView Get(const auth::Actor& actor, const std::string& id);
    // Throws ValidationError naming the field, Forbidden, NotFound.
    AgreementView Create(const auth::Actor& actor, const NewAgreement& input);
    // Only drafts can be edited; anything else is a Conflict.
    AgreementView Update(const auth::Actor& actor, const std::string& id, const AgreementContent& content);
    // A refused move is a Conflict whose message says why.
    AgreementView Transition(const auth::Actor& actor, const std::string& id, AgreementStatus to);
    // A new draft version with the content copied; Conflict when a newer version already exists.
    AgreementView NewVersion(const auth::Actor& actor, const std::string& id);
    std::pair<Agreement, Agreement> ForCompare(const auth::Actor& actor, const std::string& from, const std::string& to);

    std::string Today() const;

    // The injected clock (the database's): handlers answer "today" from it too.
    const Clock& clock() const { return db_.clock(); }

private:
    auth::Resource ResourceFor(const Agreement& a) const;
    AgreementView View(std::vector<Agreement> all, const std::string& id) const;
    db::Database& db_;
    const auth::Authorizer& authz_;
    const org::AreaCatalog& areas_;
};

}  // namespace samverkan::governance
