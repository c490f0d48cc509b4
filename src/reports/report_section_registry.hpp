#pragma once
// Reports are lists of sections that modules contribute. A module registers a provider once; every
// new draft asks each provider, in registration order, for its section of the group and period.
#include <memory>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "reports/report.hpp"

namespace samverkan::reports {

struct ReportContext {
    db::Connection& conn;
    std::string group_id;
    std::string period_start;
    std::string period_end;
    std::string today;
};

class ReportSectionProvider {
public:
    virtual ~ReportSectionProvider() = default;
    virtual std::string Key() const = 0;
    // The section as drafted from the platform's own data; reads only.
    virtual ReportSection Draft(const ReportContext& context) const = 0;
};

class ReportSectionRegistry {
public:
    void Add(std::unique_ptr<ReportSectionProvider> provider) { providers_.push_back(std::move(provider)); }
    std::vector<ReportSection> DraftAll(const ReportContext& context) const {
        std::vector<ReportSection> out;
        for (const auto& p : providers_) out.push_back(p->Draft(context));
        return out;
    }
    std::vector<std::string> Keys() const {
        std::vector<std::string> out;
        for (const auto& p : providers_) out.push_back(p->Key());
        return out;
    }

private:
    std::vector<std::unique_ptr<ReportSectionProvider>> providers_;
};

}  // namespace samverkan::reports
