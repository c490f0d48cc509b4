#pragma once
// A group's mandate: delegation rules per matter type, and the evaluation of a decision against them.
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace samverkan::governance {

struct DelegationRule {
    std::string id;
    std::string group_id;
    std::string matter_type;
    std::optional<long long> amount_limit_sek;
    std::vector<std::string> area_ids;  // empty: not limited by area
    std::optional<int> horizon_months;
    bool requires_consultation = false;
    std::string escalate_to_id;
    std::string valid_from;
    std::optional<std::string> valid_to;  // exclusive

    bool ValidOn(const std::string& d) const { return valid_from <= d && (!valid_to || d < *valid_to); }
};

// Throws ValidationError(field "matter_type") unless it is 1-40 of a-z, 0-9 and '_'.
void ValidateMatterType(const std::string& matter_type);

// Goals, direction and scope are never delegable: no rule may cover them.
bool IsNonDelegable(const std::string& matter_type);

struct DecisionFacts {
    std::string matter_type;
    std::optional<long long> amount_sek;
    std::vector<std::string> area_ids;
    std::optional<int> horizon_months;
    std::string decision_date;
};

struct Evaluation {
    bool within = false;
    std::optional<std::string> rule_id;
    std::optional<std::string> escalate_to_id;  // from the matching rule, if one matched the matter type
    bool requires_consultation = false;
    std::vector<std::string> reasons;  // why it is within, or every way in which it is outside
};

// Evaluates a decision against the rules valid on its date. `covers(rule_area, area)` says whether
// a rule's area includes a decision's area (the same area or one inside it on that date).
Evaluation EvaluateAgainstMandate(const DecisionFacts& decision, const std::vector<DelegationRule>& rules,
                                  const std::function<bool(const std::string&, const std::string&)>& covers);

}  // namespace samverkan::governance
