#include "governance/mandate.hpp"

#include "common/errors.hpp"

namespace samverkan::governance {

void ValidateMatterType(const std::string& t) {
    if (t.empty() || t.size() > 40) throw ValidationError("matter_type must be 1 to 40 characters", "matter_type");
    for (char ch : t)
        if (!(std::islower(static_cast<unsigned char>(ch)) || std::isdigit(static_cast<unsigned char>(ch)) || ch == '_'))
            throw ValidationError("matter_type may hold only a-z, 0-9 and '_'", "matter_type");
}

bool IsNonDelegable(const std::string& t) { return t == "goals" || t == "direction" || t == "scope"; }

Evaluation EvaluateAgainstMandate(const DecisionFacts& d, const std::vector<DelegationRule>& rules,
                                  const std::function<bool(const std::string&, const std::string&)>& covers) {
    Evaluation e;
    if (IsNonDelegable(d.matter_type)) {
        e.reasons.push_back("Decisions on " + d.matter_type + " are never delegable; they belong to the political bodies.");
        return e;
    }
    const DelegationRule* rule = nullptr;
    for (const DelegationRule& r : rules)
        if (r.matter_type == d.matter_type && r.ValidOn(d.decision_date)) rule = &r;
    if (!rule) {
        e.reasons.push_back("The mandate holds no delegation for matter type '" + d.matter_type + "' on " +
                            d.decision_date + ".");
        return e;
    }
    e.rule_id = rule->id;
    e.escalate_to_id = rule->escalate_to_id;
    e.requires_consultation = rule->requires_consultation;
    bool within = true;
    if (rule->amount_limit_sek) {
        if (!d.amount_sek) {
            within = false;
            e.reasons.push_back("The delegation is limited to " + std::to_string(*rule->amount_limit_sek) +
                                " SEK, and the decision states no amount.");
        } else if (*d.amount_sek > *rule->amount_limit_sek) {
            within = false;
            e.reasons.push_back("The amount " + std::to_string(*d.amount_sek) + " SEK exceeds the limit of " +
                                std::to_string(*rule->amount_limit_sek) + " SEK.");
        }
    }
    if (!rule->area_ids.empty()) {
        for (const std::string& a : d.area_ids) {
            bool inside = false;
            for (const std::string& ra : rule->area_ids) inside = inside || covers(ra, a);
            if (!inside) {
                within = false;
                e.reasons.push_back("Area " + a + " lies outside the areas of the delegation.");
            }
        }
        if (d.area_ids.empty()) {
            within = false;
            e.reasons.push_back("The delegation is limited to certain areas, and the decision names none.");
        }
    }
    if (rule->horizon_months) {
        if (!d.horizon_months || *d.horizon_months > *rule->horizon_months) {
            within = false;
            e.reasons.push_back("The time horizon " + (d.horizon_months ? std::to_string(*d.horizon_months) + " months" : std::string("(not stated)")) +
                                " exceeds the delegation's " + std::to_string(*rule->horizon_months) + " months.");
        }
    }
    e.within = within;
    if (within) e.reasons.push_back("Within the delegation for '" + d.matter_type + "' valid from " + rule->valid_from + ".");
    return e;
}

}  // namespace samverkan::governance
