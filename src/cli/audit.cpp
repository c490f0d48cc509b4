// samverkan audit verify: checks the audit log's hash chain.
#include <boost/json.hpp>
#include <iostream>

#include "audit/audit_log.hpp"
#include "cli/commands.hpp"
#include "cli/exit_code.hpp"

namespace samverkan::cli {

int AuditVerify(const Invocation& call) {
    auto db = call.OpenMigratedDatabase();
    audit::VerifyResult v = audit::Verify(*db);
    if (call.config.json) {
        boost::json::object o{{"ok", !v.first_broken_seq}, {"rows_checked", v.rows_checked}};
        if (v.first_broken_seq) {
            o["first_broken_seq"] = *v.first_broken_seq;
            o["reason"] = v.reason;
        }
        std::cout << boost::json::serialize(o) << "\n";
    } else if (v.first_broken_seq) {
        std::cout << "BROKEN at row " << *v.first_broken_seq << ": " << v.reason << " (" << v.rows_checked
                  << " rows before it are intact)\n";
    } else {
        std::cout << "OK: " << v.rows_checked << " rows, chain intact\n";
    }
    return v.first_broken_seq ? kExitFailure : kExitOk;
}

}  // namespace samverkan::cli
