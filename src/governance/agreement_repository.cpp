#include "governance/agreement_repository.hpp"

#include <boost/json.hpp>
#include <map>

#include "common/time.hpp"

namespace samverkan::governance {
namespace {

constexpr const char* kSelect =
    "SELECT id, title, scope, district_id, parent_id, version, previous_version_id, status, period_start, period_end, "
    "superseded_by, follow_up_plan FROM agreements ";

std::vector<Agreement> Fill(db::Connection& c, const db::Result& r) {
    std::vector<Agreement> out;
    std::map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < r.size(); ++i) {
        Agreement a;
        a.id = r.text(i, "id");
        a.title = r.text(i, "title");
        a.scope = r.text(i, "scope");
        a.district_id = r.at(i, "district_id");
        a.parent_id = r.at(i, "parent_id");
        a.version = static_cast<int>(r.integer(i, "version"));
        a.previous_version_id = r.at(i, "previous_version_id");
        a.status = ParseStatus(r.text(i, "status")).value_or(AgreementStatus::kDraft);
        a.period_start = r.text(i, "period_start");
        a.period_end = r.at(i, "period_end");
        a.superseded_by = r.at(i, "superseded_by");
        a.follow_up_plan = r.text(i, "follow_up_plan");
        index[a.id] = out.size();
        out.push_back(std::move(a));
    }
    if (out.empty()) return out;
    db::Result s = c.Query("SELECT agreement_id, party, name, title, signed_on FROM agreement_signatories "
                           "ORDER BY agreement_id, position");
    for (std::size_t i = 0; i < s.size(); ++i)
        if (auto it = index.find(s.text(i, "agreement_id")); it != index.end())
            out[it->second].signatories.push_back(
                {s.text(i, "party"), s.text(i, "name"), s.text(i, "title"), s.at(i, "signed_on")});
    db::Result items = c.Query("SELECT agreement_id, kind, code, title, body FROM agreement_items "
                               "ORDER BY agreement_id, kind, position");
    for (std::size_t i = 0; i < items.size(); ++i)
        if (auto it = index.find(items.text(i, "agreement_id")); it != index.end()) {
            boost::json::value body = boost::json::parse(items.text(i, "body"));
            out[it->second].items.push_back({items.text(i, "kind"), items.text(i, "code"), items.text(i, "title"),
                                             body.is_object() ? body.as_object() : boost::json::object{}});
        }
    return out;
}

void InsertContent(db::Connection& c, const Agreement& a) {
    for (std::size_t i = 0; i < a.signatories.size(); ++i) {
        const Signatory& s = a.signatories[i];
        c.Query("INSERT INTO agreement_signatories (agreement_id, position, party, name, title, signed_on) "
                "VALUES ($1, $2, $3, $4, $5, $6)",
                {a.id, std::to_string(i), s.party, s.name, s.title, s.signed_on});
    }
    for (std::size_t i = 0; i < a.items.size(); ++i) {
        const AgreementItem& it = a.items[i];
        c.Query("INSERT INTO agreement_items (agreement_id, kind, code, position, title, body) VALUES ($1, $2, $3, $4, $5, $6)",
                {a.id, it.kind, it.code, std::to_string(i), it.title, boost::json::serialize(it.fields)});
    }
}

}  // namespace

std::vector<Agreement> AgreementRepository::LoadAll(db::Connection& c) {
    return Fill(c, c.Query(std::string(kSelect) + "ORDER BY scope, period_start, version"));
}

std::optional<Agreement> AgreementRepository::Load(db::Connection& c, const std::string& id) {
    for (Agreement& a : LoadAll(c))
        if (a.id == id) return std::move(a);
    return std::nullopt;
}

void AgreementRepository::Insert(db::Connection& c, const Agreement& a) {
    std::string now = c.clock().NowUtc();
    c.Query("INSERT INTO agreements (id, title, scope, district_id, parent_id, version, previous_version_id, status, "
            "period_start, period_end, superseded_by, follow_up_plan, created_at, updated_at) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)",
            {a.id, a.title, a.scope, a.district_id, a.parent_id, std::to_string(a.version), a.previous_version_id,
             std::string(StatusName(a.status)), a.period_start, a.period_end, a.superseded_by, a.follow_up_plan, now});
    InsertContent(c, a);
}

void AgreementRepository::SaveContent(db::Connection& c, const Agreement& a) {
    c.Query("UPDATE agreements SET title = $2, period_start = $3, period_end = $4, follow_up_plan = $5, updated_at = $6 "
            "WHERE id = $1",
            {a.id, a.title, a.period_start, a.period_end, a.follow_up_plan, c.clock().NowUtc()});
    c.Query("DELETE FROM agreement_signatories WHERE agreement_id = $1", {a.id});
    c.Query("DELETE FROM agreement_items WHERE agreement_id = $1", {a.id});
    InsertContent(c, a);
}

void AgreementRepository::SetStatus(db::Connection& c, const std::string& id, AgreementStatus status) {
    c.Query("UPDATE agreements SET status = $2, updated_at = $3 WHERE id = $1",
            {id, std::string(StatusName(status)), c.clock().NowUtc()});
}

void AgreementRepository::Supersede(db::Connection& c, const std::string& old_id, const std::string& new_id,
                                    const std::string& last_day) {
    c.Query("UPDATE agreements SET superseded_by = $2, period_end = $3, updated_at = $4 WHERE id = $1",
            {old_id, new_id, last_day, c.clock().NowUtc()});
}

}  // namespace samverkan::governance
