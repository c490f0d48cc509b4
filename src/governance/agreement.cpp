#include "governance/agreement.hpp"

#include "common/time.hpp"

#include <date/date.h>

#include <array>
#include <boost/json/serialize.hpp>
#include <map>
#include <set>
#include <sstream>

namespace samverkan::governance {
namespace {
constexpr std::array<std::pair<AgreementStatus, std::string_view>, 5> kStatuses{{
    {AgreementStatus::kDraft, "draft"},
    {AgreementStatus::kProposed, "proposed"},
    {AgreementStatus::kSigned, "signed"},
    {AgreementStatus::kInForce, "in_force"},
    {AgreementStatus::kSuperseded, "superseded"},
}};

bool Overlaps(const std::string& a_start, const std::optional<std::string>& a_end, const std::string& b_start,
              const std::optional<std::string>& b_end) {
    return (!b_end || a_start <= *b_end) && (!a_end || b_start <= *a_end);
}

boost::json::value ValueOf(const boost::json::value* v) { return v ? *v : boost::json::value(nullptr); }
}  // namespace

std::string_view StatusName(AgreementStatus s) {
    for (auto& [st, name] : kStatuses)
        if (st == s) return name;
    return "draft";
}

std::optional<AgreementStatus> ParseStatus(std::string_view s) {
    for (auto& [st, name] : kStatuses)
        if (name == s) return st;
    return std::nullopt;
}

AgreementStatus Agreement::EffectiveStatus(const std::string& today) const {
    if (status == AgreementStatus::kInForce && superseded_by && period_end && today > *period_end)
        return AgreementStatus::kSuperseded;
    return status;
}

std::vector<AgreementStatus> AllowedTransitions(AgreementStatus from) {
    switch (from) {
        case AgreementStatus::kDraft: return {AgreementStatus::kProposed};
        case AgreementStatus::kProposed: return {AgreementStatus::kDraft, AgreementStatus::kSigned};
        case AgreementStatus::kSigned: return {AgreementStatus::kInForce};
        // Superseding happens when a successor enters into force, never by hand.
        case AgreementStatus::kInForce:
        case AgreementStatus::kSuperseded: return {};
    }
    return {};
}

std::string DayBefore(const std::string& iso_date) { return AddDays(iso_date, -1); }

std::optional<std::string> TransitionRefusal(const Agreement& a, AgreementStatus to,
                                             const std::vector<Agreement>& others) {
    auto allowed = AllowedTransitions(a.status);
    if (std::find(allowed.begin(), allowed.end(), to) == allowed.end())
        return "An agreement that is " + std::string(StatusName(a.status)) + " cannot become " +
               std::string(StatusName(to)) + ".";
    if (to == AgreementStatus::kSigned) {
        bool city = false, police = false;
        for (const Signatory& s : a.signatories) {
            city = city || s.party == "city";
            police = police || s.party == "police";
        }
        if (!city || !police)
            return std::string("It cannot be signed without a signatory from each party; missing: ") +
                   (!city && !police ? "the city and the police" : !city ? "the city" : "the police") + ".";
    }
    if (to == AgreementStatus::kInForce) {
        for (const Agreement& o : others) {
            if (o.id == a.id || o.status != AgreementStatus::kInForce || o.scope != a.scope) continue;
            if (a.scope == "local" && o.district_id != a.district_id) continue;
            std::optional<std::string> o_end = o.period_end;
            // The predecessor gives way on this version's start date, so only a predecessor that
            // starts on or after that date is a clash.
            if (a.previous_version_id && o.id == *a.previous_version_id) {
                if (o.period_start >= a.period_start)
                    return "It starts on " + a.period_start + ", before or on the start of the version it replaces (" +
                           o.period_start + ").";
                continue;
            }
            if (Overlaps(a.period_start, a.period_end, o.period_start, o_end))
                return "Another " + std::string(a.scope == "citywide" ? "citywide agreement" : "local agreement for this district") +
                       " (\"" + o.title + "\", version " + std::to_string(o.version) + ") is in force from " +
                       o.period_start + (o_end ? " to " + *o_end : "") +
                       ": two cannot be in force on the same day. Make this a new version of it instead.";
        }
    }
    return std::nullopt;
}

std::vector<SectionDiff> Compare(const Agreement& from, const Agreement& to) {
    std::vector<SectionDiff> out;
    for (std::string_view kind : kItemKinds) {
        SectionDiff d;
        d.kind = kind;
        std::map<std::string, const AgreementItem*> before, after;
        for (const auto& i : from.items)
            if (i.kind == kind) before[i.code] = &i;
        for (const auto& i : to.items)
            if (i.kind == kind) after[i.code] = &i;
        for (const auto& i : to.items) {
            if (i.kind != kind) continue;
            auto b = before.find(i.code);
            if (b == before.end()) {
                d.added.push_back(i);
                continue;
            }
            ChangedItem c{i.code, i.title, {}};
            if (b->second->title != i.title)
                c.changes.push_back({"title", boost::json::value(b->second->title), boost::json::value(i.title)});
            std::set<std::string> keys;
            for (const auto& kv : b->second->fields) keys.insert(std::string(kv.key()));
            for (const auto& kv : i.fields) keys.insert(std::string(kv.key()));
            for (const auto& k : keys) {
                boost::json::value x = ValueOf(b->second->fields.if_contains(k)), y = ValueOf(i.fields.if_contains(k));
                if (x != y) c.changes.push_back({k, std::move(x), std::move(y)});
            }
            if (!c.changes.empty()) d.changed.push_back(std::move(c));
        }
        for (const auto& i : from.items)
            if (i.kind == kind && !after.count(i.code)) d.removed.push_back(i);
        out.push_back(std::move(d));
    }
    return out;
}

}  // namespace samverkan::governance
