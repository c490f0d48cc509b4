// Fills a database with 12 years of governance history for the benchmarks: the demo data, then about
// 5,000 meetings, 50,000 decisions (some outside the mandate and escalated, some major with a
// consultation) and 500 submitted quarterly reports drafted from that history.
//   governance_seed DB_URL DATA_DIR
#include <iostream>
#include <random>

#include "app/demo_data.hpp"
#include "common/random.hpp"
#include "common/time.hpp"
#include "db/database.hpp"
#include "db/migrations.hpp"
#include "governance/agreement.hpp"
#include "governance/decision_repository.hpp"
#include "governance/group_repository.hpp"
#include "governance/report_sections.hpp"
#include "governance/reporting_repository.hpp"
#include "org/area_catalog.hpp"
#include "reports/report.hpp"

using namespace samverkan;
using namespace samverkan::governance;

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: governance_seed DB_URL DATA_DIR\n";
        return 2;
    }
    auto db = db::Database::Open(argv[1], 2);
    db::Migrate(*db);
    app::LoadDemoData(*db, argv[2]);
    std::mt19937 rng(2026);
    std::vector<Group> groups;
    std::string ks;
    {
        db::Lease c = db->Acquire(db::Access::kRead);
        groups = GroupRepository::LoadAll(*c);
        for (const auto& o : GroupRepository::Organisations(*c))
            if (o.name == "Kommunstyrelsen") ks = o.id;
    }
    const int kMeetings = 5000, kDecisionsPerMeeting = 10;
    // A meeting on six days of every seven from 2015 spans the 12 years.
    std::vector<std::string> dates;
    for (int i = 0; i < kMeetings; ++i) dates.push_back(AddDays("2015-01-01", i - i / 7));
    std::uniform_int_distribution<int> group_pick(0, static_cast<int>(groups.size()) - 1);
    std::uniform_int_distribution<int> amount(10, 900);
    std::uniform_int_distribution<int> percent(0, 99);
    for (int batch = 0; batch < kMeetings; batch += 500) {
        db::InTransaction(*db, db::Access::kWrite, [&](db::Connection& c) {
            for (int i = batch; i < std::min(batch + 500, kMeetings); ++i) {
                const Group& g = groups[group_pick(rng)];
                Meeting m{NewUuid(), g.id, dates[i], "Lägesbild\nBeslut\nÖvrigt", "Protokoll.", {}};
                DecisionRepository::InsertMeeting(c, m);
                for (int k = 0; k < kDecisionsPerMeeting; ++k) {
                    Decision d;
                    d.id = NewUuid();
                    d.meeting_id = m.id;
                    d.group_id = g.id;
                    d.title = "Beslut " + std::to_string(i) + "." + std::to_string(k);
                    d.facts = {"measure", amount(rng) * 1000LL, {}, 6, m.held_on};
                    d.major = percent(rng) < 5;
                    d.evaluation.within = percent(rng) >= 10;
                    d.evaluation.requires_consultation = d.major;
                    d.evaluation.reasons = {d.evaluation.within ? "Within the delegation." : "The amount exceeds the limit."};
                    d.status = d.evaluation.within ? (percent(rng) < 90 ? "final" : "proposed") : "escalated";
                    DecisionRepository::InsertDecision(c, d);
                    if (!d.evaluation.within) {
                        // Escalations older than a quarter have their answer, as they would in practice.
                        Escalation e{NewUuid(), d.id, ks, "The amount exceeds the limit.", m.held_on, {}, {}, {}};
                        DecisionRepository::InsertEscalation(c, e);
                        if (m.held_on < "2026-09-01") {
                            e.outcome = "approved";
                            e.decided_on = m.held_on;
                            DecisionRepository::RecordOutcome(c, e);
                            DecisionRepository::SetStatus(c, d.id, "final", std::nullopt, true);
                        }
                    }
                    // Most consultations open a month ahead; one in ten comes too late.
                    if (d.major)
                        DecisionRepository::InsertConsultation(
                            c, {NewUuid(), d.id, ks, AddDays(m.held_on, percent(rng) < 10 ? -5 : -30), m.held_on, "Samsyn."});
                }
            }
        });
    }
    // 500 submitted quarterly reports: the steering group and the local groups, newest quarters first.
    reports::ReportSectionRegistry registry;
    RegisterGovernanceSections(registry, 14);
    int reports = 0;
    for (const Group& g : groups) {
        if (reports >= 500) break;
        std::string committee = g.committee_ids.empty() ? ks : g.committee_ids.front();
        ReportingObligation o{NewUuid(), g.id, committee, "quarterly", 30, "2015-01-01"};
        db::InTransaction(*db, db::Access::kWrite, [&](db::Connection& c) {
            if (!c.Query("SELECT id FROM reporting_obligations WHERE group_id = $1 AND committee_id = $2 AND cadence = 'quarterly'",
                         {g.id, committee}).empty())
                return;
            ReportingRepository::InsertObligation(c, o);
            for (const auto& p : reports::PeriodsBetween("quarterly", "2015-01-01", "2026-09-30", 30)) {
                if (reports >= 500) break;
                reports::Report r{NewUuid(), o.id, "Återrapportering " + p.start, p.start, p.end, p.due_on, "submitted",
                                  p.due_on, registry.DraftAll({c, g.id, p.start, p.end, p.due_on})};
                ReportingRepository::InsertReport(c, r);
                ++reports;
            }
        });
    }
    db::Lease c = db->Acquire(db::Access::kRead);
    std::cout << "meetings " << c->Query("SELECT COUNT(*) AS n FROM meetings").text(0, "n") << ", decisions "
              << c->Query("SELECT COUNT(*) AS n FROM decisions").text(0, "n") << ", reports "
              << c->Query("SELECT COUNT(*) AS n FROM reports").text(0, "n") << "\n";
    return 0;
}
