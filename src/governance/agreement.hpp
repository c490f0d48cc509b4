#pragma once
// Cooperation agreements: versioned records that move draft -> proposed -> signed -> in force ->
// superseded. The rules here are pure functions, so they are tested without a database.
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace samverkan::governance {

enum class AgreementStatus { kDraft, kProposed, kSigned, kInForce, kSuperseded };
std::string_view StatusName(AgreementStatus s);
std::optional<AgreementStatus> ParseStatus(std::string_view s);

struct Signatory {
    std::string party;  // "city" or "police"
    std::string name;
    std::string title;
    std::optional<std::string> signed_on;
};

// One item of content. `code` identifies it across versions; `fields` holds the kind's own fields:
// focus_area {description}; problem {description, causes[], focus_area_code}; goal {description,
// indicators[{name, unit, baseline, target}]}; group {description, mandate_summary}.
struct AgreementItem {
    std::string kind;
    std::string code;
    std::string title;
    boost::json::object fields;
};
inline constexpr std::string_view kItemKinds[] = {"focus_area", "problem", "goal", "group"};

struct Agreement {
    std::string id;
    std::string title;
    std::string scope;  // "citywide" or "local"
    std::optional<std::string> district_id;
    std::optional<std::string> parent_id;
    int version = 1;
    std::optional<std::string> previous_version_id;
    AgreementStatus status = AgreementStatus::kDraft;  // as stored
    std::string period_start;
    std::optional<std::string> period_end;  // inclusive
    std::optional<std::string> superseded_by;
    std::string follow_up_plan;
    std::vector<Signatory> signatories;
    std::vector<AgreementItem> items;

    // The status on `today`: an agreement in force whose successor has started is superseded.
    AgreementStatus EffectiveStatus(const std::string& today) const;
};

// The moves a person may ask for from a stored status.
std::vector<AgreementStatus> AllowedTransitions(AgreementStatus from);

// Why the move to `to` is refused, or nothing when it is allowed. `others` are all other agreements;
// `start_of_successor` is not needed here. Covers: illegal pairs, signing without a signatory of each
// party, and a second agreement in force on the same day (citywide, or local for the same district).
std::optional<std::string> TransitionRefusal(const Agreement& agreement, AgreementStatus to,
                                             const std::vector<Agreement>& others);

// The day before an ISO date ("2024-01-01" -> "2023-12-31").
std::string DayBefore(const std::string& iso_date);

struct FieldChange {
    std::string field;
    boost::json::value from, to;  // as stored: text, or a list for causes and indicators
};
struct ChangedItem {
    std::string code, title;
    std::vector<FieldChange> changes;
};
struct SectionDiff {
    std::string kind;
    std::vector<AgreementItem> added, removed;
    std::vector<ChangedItem> changed;
};
// What changed from `from` to `to`, per kind, matching items by code.
std::vector<SectionDiff> Compare(const Agreement& from, const Agreement& to);

}  // namespace samverkan::governance
