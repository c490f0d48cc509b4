#pragma once
// The situation picture's use cases: reference data, filing and listing incident reports, imports,
// pictures with the group's note, reporting duties and safety-survey indicators. Every entry point
// asks the policy first; refusals are audited by the Authorizer.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "auth/authorizer.hpp"
#include "common/read_cache.hpp"
#include "db/database.hpp"
#include "est/duty_repository.hpp"
#include "est/incident.hpp"
#include "est/incident_import.hpp"
#include "est/incident_index.hpp"
#include "est/incident_repository.hpp"
#include "est/picture.hpp"
#include "est/picture_repository.hpp"
#include "org/area_catalog.hpp"

namespace samverkan::est {

struct ImportJob {
    std::string id, format, file_name, started_at;
    ImportProgress progress;
    std::atomic<bool> finished{false};
};

class EstService {
public:
    EstService(db::Database& db, auth::Authorizer& authz, const org::AreaCatalog& areas, const DataVersion& version);
    ~EstService();

    IncidentIndex& index() { return *index_; }
    const org::AreaCatalog& areas() const { return areas_; }
    std::shared_ptr<const Reference> reference() const;
    // Reference data (taxonomy, places, mappings) and the areas one may see: any signed-in user.
    void RequireReadSetup(const auth::Actor& actor) const;
    void ReloadReference();

    // Reference data.
    Category CreateCategory(const auth::Actor& actor, const std::string& code, const std::string& name_sv,
                            const std::string& name_en);
    Category UpdateCategory(const auth::Actor& actor, int id, const std::optional<std::string>& name_sv,
                            const std::optional<std::string>& name_en, std::optional<bool> retired);
    Place CreatePlace(const auth::Actor& actor, const std::string& name, const std::string& kind, double lat, double lon);
    void SetPoliceMapping(const auth::Actor& actor, const std::string& police_type, int category_id);
    void DeletePoliceMapping(const auth::Actor& actor, const std::string& police_type);

    // Incident reports.
    StoredIncident File(const auth::Actor& actor, IncidentDraft draft);
    std::pair<std::vector<StoredIncident>, std::size_t> List(const auth::Actor& actor, const std::string& area_id,
                                                              const Period& period, std::optional<int> category,
                                                              int limit, int offset);
    StoredIncident Get(const auth::Actor& actor, std::int64_t id);
    ImportSummary ImportNow(const auth::Actor& actor, ImportFormat format, std::istream& in, std::size_t size,
                            const std::string& file_name);
    // Starts a background import; a file that is not the format at all is refused here (ValidationError).
    std::shared_ptr<ImportJob> StartImport(const auth::Actor& actor, ImportFormat format, std::string body,
                                           const std::string& file_name);
    std::shared_ptr<ImportJob> Job(const std::string& id) const;
    // The import `id` (NotFound unless it is the actor's or the actor coordinates imports), or without
    // an id the latest 20: every import for a coordinator, the actor's own for others.
    std::vector<ImportRecord> Imports(const auth::Actor& actor, const std::optional<std::string>& id);

    // Pictures.
    std::vector<const org::Area*> PictureAreas(const auth::Actor& actor);
    // Checks that the area exists and the actor may see its picture, and brings the index up to date.
    void RequirePicture(const auth::Actor& actor, const std::string& area_id);
    bool Allows(const auth::Actor& actor, auth::Action action, const std::string& area_id) const;
    std::optional<SituationNote> Note(const std::string& area_id, const std::string& period);
    SituationNote SaveNote(const auth::Actor& actor, const std::string& area_id, const Period& period,
                           const std::string& analysis, const std::vector<std::string>& focus);

    // Reporting duty.
    std::vector<DutyStatus> Duties(const auth::Actor& actor, const Period& week);
    std::vector<std::vector<std::string>> DutyCandidates(const auth::Actor& actor);
    void AddDuty(const auth::Actor& actor, const std::string& user_id, const std::string& area_id);
    void RemoveDuty(const auth::Actor& actor, const std::string& user_id, const std::string& area_id);
    DutyStatus MyWeek(const auth::Actor& actor, const Period& week, std::vector<std::string>* areas);
    void NilReturn(const auth::Actor& actor, const Period& week);

    // Safety survey.
    ImportSummary ImportSafety(const auth::Actor& actor, const std::string& csv);
    std::vector<SafetyIndicator> Indicators(const auth::Actor& actor, const std::string& area_id);
    // Without the permission check, for a picture already authorised.
    std::vector<SafetyIndicator> IndicatorsOf(const std::string& area_id);

    // The resource a picture or report of `area_id` is checked against (on `date`).
    auth::Resource AreaResource(const std::string& type, const std::string& area_id, const std::string& date) const;

    // The injected clock (the database's): handlers answer "today" from it too.
    const Clock& clock() const { return db_.clock(); }

private:
    void Worker();
    std::string DefaultSourceOrg(const auth::Actor& actor) const;
    std::function<std::optional<std::string>(const NewIncident&)> RowRefusal(const auth::Actor& actor) const;

    db::Database& db_;
    auth::Authorizer& authz_;
    const org::AreaCatalog& areas_;
    const DataVersion& version_;
    std::unique_ptr<IncidentIndex> index_;
    // Group membership (user id, district id or none), read again after a write on this instance
    // and at least every 5 s (writes on other instances): every picture request checks it.
    mutable std::mutex members_mu_;
    mutable std::optional<std::uint64_t> members_version_;
    mutable std::chrono::steady_clock::time_point members_read_at_;
    mutable std::vector<std::pair<std::string, std::optional<std::string>>> members_;
    mutable std::mutex ref_mu_;
    std::shared_ptr<const Reference> ref_;

    // Background imports, one at a time, in arrival order.
    struct Pending {
        std::shared_ptr<ImportJob> job;
        auth::Actor actor;
        ImportFormat format;
        std::string body;
        std::unique_ptr<RecordSource> source;
        std::unique_ptr<std::istringstream> stream;
    };
    mutable std::mutex jobs_mu_;
    std::condition_variable jobs_cv_;
    std::deque<Pending> queue_;
    std::map<std::string, std::shared_ptr<ImportJob>> jobs_;
    bool stopping_ = false;
    std::thread worker_;
};

}  // namespace samverkan::est
