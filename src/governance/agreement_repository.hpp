#pragma once
// SQL for agreements, their signatories and items. No rules here.
#include <optional>
#include <vector>

#include "db/database.hpp"
#include "governance/agreement.hpp"

namespace samverkan::governance {

class AgreementRepository {
public:
    // Every agreement with its signatories and items (the register holds tens, not thousands).
    static std::vector<Agreement> LoadAll(db::Connection& c);
    static std::optional<Agreement> Load(db::Connection& c, const std::string& id);
    // Inserts the agreement with its signatories and items.
    static void Insert(db::Connection& c, const Agreement& a);
    // Replaces the editable content: title, period, follow-up plan, signatories and items.
    static void SaveContent(db::Connection& c, const Agreement& a);
    static void SetStatus(db::Connection& c, const std::string& id, AgreementStatus status);
    // Records that `old_id` gives way to `new_id`, its last day being the day before the successor starts.
    static void Supersede(db::Connection& c, const std::string& old_id, const std::string& new_id,
                          const std::string& last_day);
};

}  // namespace samverkan::governance
