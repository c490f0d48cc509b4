#include "est/est_service.hpp"

#include <spdlog/spdlog.h>

#include <boost/json.hpp>
#include <cmath>
#include <regex>
#include <sstream>

#include "audit/audit_log.hpp"
#include "common/csv.hpp"
#include "common/errors.hpp"
#include "common/random.hpp"
#include "common/time.hpp"
#include "est/duty_repository.hpp"
#include "est/incident_repository.hpp"
#include "est/personal_number.hpp"
#include "est/picture_repository.hpp"
#include "est/reference_repository.hpp"

namespace samverkan::est {

EstService::EstService(db::Database& db, auth::Authorizer& authz, const org::AreaCatalog& areas,
                       const DataVersion& version)
    : db_(db), authz_(authz), areas_(areas), version_(version), index_(std::make_unique<IncidentIndex>(areas)) {
    ReloadReference();
    auto start = std::chrono::steady_clock::now();
    index_->LoadAll(db_, 2);
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
    spdlog::info("incident index: {} incidents in {} ms, {} KiB", index_->size(), ms, index_->MemoryBytes() / 1024);
    worker_ = std::thread([this] { Worker(); });
}

EstService::~EstService() {
    {
        std::lock_guard lock(jobs_mu_);
        stopping_ = true;
    }
    jobs_cv_.notify_all();
    if (worker_.joinable()) worker_.join();
}

std::shared_ptr<const Reference> EstService::reference() const {
    std::lock_guard lock(ref_mu_);
    return ref_;
}

void EstService::RequireReadSetup(const auth::Actor& actor) const {
    authz_.Require(actor, auth::Action::kReadSituationSetup, {"situation_setup"});
}

void EstService::ReloadReference() {
    db::Lease c = db_.Acquire(db::Access::kRead);
    auto ref = Reference::Load(*c, areas_);
    std::lock_guard lock(ref_mu_);
    ref_ = std::move(ref);
}

auth::Resource EstService::AreaResource(const std::string& type, const std::string& area_id, const std::string& date) const {
    auth::Resource r{type, area_id};
    r.area_only = true;
    for (auto& id : areas_.WithAncestors(area_id, date)) r.areas.emplace_back(id);
    // Members of the groups covering the area: the area's local group, and the citywide groups.
    std::vector<std::string> covering;
    for (const auto& a : r.areas) covering.push_back(a.str());
    std::lock_guard lock(members_mu_);
    // Re-read after any write here, and at least every 5 s for changes made on other instances.
    auto now = std::chrono::steady_clock::now();
    if (members_version_ != version_.Get() || now - members_read_at_ > std::chrono::seconds(5)) {
        members_version_ = version_.Get();
        members_read_at_ = now;
        db::Lease c = db_.Acquire(db::Access::kRead);
        members_ = PictureRepository::GroupMembers(*c);
    }
    auto& members = r.relations["group_members"];
    for (const auto& [user, district] : members_) {
        bool covers = !district || std::find(covering.begin(), covering.end(), *district) != covering.end();
        if (covers) members.push_back(user);
    }
    return r;
}

bool EstService::Allows(const auth::Actor& actor, auth::Action action, const std::string& area_id) const {
    return authz_.Allows(actor, action, AreaResource("situation_picture", area_id, db_.clock().TodayStockholm()));
}

// --- Reference data ------------------------------------------------------------------------------

Category EstService::CreateCategory(const auth::Actor& actor, const std::string& code, const std::string& name_sv,
                                    const std::string& name_en) {
    authz_.Require(actor, auth::Action::kManageSituationSetup, {"incident_category"});
    static const std::regex kCode("^[a-z0-9_]{2,40}$");
    if (!std::regex_match(code, kCode)) throw ValidationError("code must be 2–40 of a–z, 0–9 and _.", "code");
    auto ref = reference();
    for (const auto& c : ref->categories) {
        if (c.code == code)
            throw ConflictError(ErrorCode("category.code_exists"), "A category with code '" + code + "' exists.", {},
                                {{"code", code}});
        if (LowerSv(c.name_sv) == LowerSv(name_sv)) throw ConflictError("A category named '" + name_sv + "' exists.");
    }
    Category out;
    db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        c.SerializeOn("incident_categories");
        auto next = ReferenceRepository::NextCategory(c);
        out.id = next.id;
        out.position = next.position;
        if (out.id > 250) throw ConflictError("The taxonomy holds at most 250 categories.");
        out.code = code;
        out.name_sv = name_sv;
        out.name_en = name_en;
        ReferenceRepository::InsertCategory(c, out);
        audit::Append(c, audit::ByActor(actor, "incident_category.create", "incident_category", std::to_string(out.id),
                                        {{"code", code}, {"name_sv", name_sv}}));
    });
    ReloadReference();
    return out;
}

Category EstService::UpdateCategory(const auth::Actor& actor, int id, const std::optional<std::string>& name_sv,
                                    const std::optional<std::string>& name_en, std::optional<bool> retired) {
    authz_.Require(actor, auth::Action::kManageSituationSetup, {"incident_category", std::to_string(id)});
    auto ref = reference();
    const Category* existing = ref->CategoryById(id);
    if (!existing) throw NotFoundError("No incident category with id " + std::to_string(id) + ".");
    if (name_sv)
        for (const auto& c : ref->categories)
            if (c.id != id && LowerSv(c.name_sv) == LowerSv(*name_sv))
                throw ConflictError("A category named '" + *name_sv + "' exists.");
    Category out = *existing;
    if (name_sv) out.name_sv = *name_sv;
    if (name_en) out.name_en = *name_en;
    if (retired) out.retired_at = *retired ? std::optional(existing->retired_at.value_or(db_.clock().NowUtc())) : std::nullopt;
    db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        ReferenceRepository::UpdateCategory(c, out);
        audit::Append(c, audit::ByActor(actor, "incident_category.update", "incident_category", std::to_string(id),
                                        {{"name_sv", out.name_sv}, {"retired", out.retired()}}));
    });
    ReloadReference();
    return out;
}

Place EstService::CreatePlace(const auth::Actor& actor, const std::string& name, const std::string& kind, double lat,
                              double lon) {
    authz_.Require(actor, auth::Action::kManageSituationSetup, {"place"});
    static const std::vector<std::string> kKinds{"square", "station", "school", "park", "centre", "other"};
    if (std::find(kKinds.begin(), kKinds.end(), kind) == kKinds.end())
        throw ValidationError("kind must be square, station, school, park, centre or other.", "kind");
    if (!std::isfinite(lat) || lat < -90 || lat > 90) throw ValidationError("lat must be from -90 to 90.", "lat");
    if (!std::isfinite(lon) || lon < -180 || lon > 180) throw ValidationError("lon must be from -180 to 180.", "lon");
    if (!areas_.Locate(lat, lon, db_.clock().TodayStockholm()).found())
        throw ValidationError("The point is outside Stockholm municipality.", "lat");
    if (reference()->FindPlace(name)) throw ConflictError("A place named '" + name + "' exists.");
    Place p{NewUuid(), name, kind, lat, lon};
    db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        ReferenceRepository::InsertPlace(c, p);
        audit::Append(c, audit::ByActor(actor, "place.create", "place", p.id, {{"name", name}}));
    });
    ReloadReference();
    return *reference()->FindPlace(p.id);
}

void EstService::SetPoliceMapping(const auth::Actor& actor, const std::string& police_type, int category_id) {
    authz_.Require(actor, auth::Action::kManageSituationSetup, {"police_type_mapping", police_type});
    if (!reference()->CategoryById(category_id))
        throw ValidationError("Unknown category id " + std::to_string(category_id) + ".", "category_id");
    db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        ReferenceRepository::SetPoliceMapping(c, police_type, category_id);
        audit::Append(c, audit::ByActor(actor, "police_type_mapping.set", "police_type_mapping", police_type,
                                        {{"category_id", category_id}}));
    });
    ReloadReference();
}

void EstService::DeletePoliceMapping(const auth::Actor& actor, const std::string& police_type) {
    authz_.Require(actor, auth::Action::kManageSituationSetup, {"police_type_mapping", police_type});
    bool found = false;
    db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        found = ReferenceRepository::DeletePoliceMapping(c, police_type);
        if (found)
            audit::Append(c, audit::ByActor(actor, "police_type_mapping.delete", "police_type_mapping", police_type));
    });
    if (!found) throw NotFoundError("No mapping for the police type '" + police_type + "'.");
    ReloadReference();
}

// --- Incident reports ----------------------------------------------------------------------------

std::string EstService::DefaultSourceOrg(const auth::Actor& actor) const {
    return actor.organisations.empty() ? std::string() : actor.organisations.front().str();
}

std::function<std::optional<std::string>(const NewIncident&)> EstService::RowRefusal(const auth::Actor& actor) const {
    // Coordinators and administrators with an unscoped grant import anything; others row by row.
    return [this, &actor](const NewIncident& n) -> std::optional<std::string> {
        auth::Resource r{"incident"};
        for (auto& id : areas_.WithAncestors(n.area_id, FormatDay(n.occurred_on))) r.areas.emplace_back(id);
        if (n.district_id)
            for (auto& id : areas_.WithAncestors(*n.district_id, FormatDay(n.occurred_on))) r.areas.emplace_back(id);
        r.organisations.emplace_back(n.source_org_id);
        if (authz_.Allows(actor, auth::Action::kReportIncident, r)) return std::nullopt;
        return "You may not report incidents for this area or source organisation.";
    };
}

StoredIncident EstService::File(const auth::Actor& actor, IncidentDraft draft) {
    // May this actor file reports at all? Asked before the report is read, so that a politician
    // learns they may not, not which field is missing.
    authz_.Require(actor, auth::Action::kSubmitIncidents, {"incident"});
    if (draft.source_org.empty()) draft.source_org = DefaultSourceOrg(actor);
    if (!draft.severity) throw ValidationError("severity is required: 1 (låg), 2 (medel) or 3 (hög).", "severity");
    draft.dedup_scope = "form:" + actor.id.str();
    auto ref = reference();
    NewIncident n = CheckIncident(draft, *ref, areas_, db_.clock().EpochSeconds());
    n.reporter_id = actor.id.str();
    auth::Resource r{"incident"};
    for (auto& id : areas_.WithAncestors(n.area_id, FormatDay(n.occurred_on))) r.areas.emplace_back(id);
    if (n.district_id)
        for (auto& id : areas_.WithAncestors(*n.district_id, FormatDay(n.occurred_on))) r.areas.emplace_back(id);
    r.organisations.emplace_back(n.source_org_id);
    authz_.Require(actor, auth::Action::kReportIncident, r);
    StoredIncident s{0, n, db_.clock().NowUtc()};
    db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        c.SerializeOn("incidents");
        auto id = InsertIncident(c, n, s.reported_at, std::nullopt);
        if (!id) throw ConflictError("An identical report is already filed.");
        s.id = *id;
        audit::Append(c, audit::ByActor(actor, "incident.create", "incident", std::to_string(s.id),
                                        {{"category_id", n.category_id}, {"area_id", n.area_id}}));
    });
    db::Lease c = db_.Acquire(db::Access::kRead);
    index_->CatchUp(*c);
    return s;
}

std::pair<std::vector<StoredIncident>, std::size_t> EstService::List(const auth::Actor& actor, const std::string& area_id,
                                                                      const Period& period, std::optional<int> category,
                                                                      int limit, int offset) {
    const org::Area* area = areas_.Get(area_id);
    if (!area) throw ValidationError("Unknown area '" + area_id + "'.", "area");
    std::string ref_date = FormatDay(period.end - 1);
    authz_.Require(actor, auth::Action::kReadIncidentText, AreaResource("incident_list", area_id, db_.clock().TodayStockholm()));
    // The same territory as the picture: the area's neighbourhoods on the period's last day.
    std::vector<int> slots = TerritorySlots(*index_, areas_, *area, ref_date);
    IncidentFilter filter{period.start, period.end, {}, area->kind == "municipality", category};
    for (std::size_t s = 0; s < index_->neighbourhood_ids().size(); ++s)
        if (slots[s] == 0) filter.area_ids.push_back(index_->neighbourhood_ids()[s]);
    std::vector<StoredIncident> out;
    std::size_t total = 0;
    {
        db::Lease c = db_.Acquire(db::Access::kRead);
        total = IncidentRepository::Count(*c, filter);
        out = IncidentRepository::Page(*c, filter, limit, offset);
    }
    // Free text may hold personal data despite the screening, so reading it is audited.
    db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        audit::Append(c, audit::ByActor(actor, "incident.list", "area", area_id,
                                        {{"period", period.Code()}, {"rows", out.size()}}));
    });
    return {out, total};
}

StoredIncident EstService::Get(const auth::Actor& actor, std::int64_t id) {
    StoredIncident s;
    {
        db::Lease c = db_.Acquire(db::Access::kRead);
        auto found = IncidentRepository::Find(*c, id);
        if (!found) throw NotFoundError("No incident report with id " + std::to_string(id) + ".");
        s = std::move(*found);
    }
    // Readable by those who may read the free text of its district (or of the city, when it has none).
    // Checked outside any transaction: a refusal writes its own audit row.
    auth::Resource res = AreaResource("incident", s.incident.district_id.value_or(s.incident.area_id), db_.clock().TodayStockholm());
    res.id = std::to_string(id);
    authz_.Require(actor, auth::Action::kReadIncidentText, res);
    db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        audit::Append(c, audit::ByActor(actor, "incident.read", "incident", std::to_string(id)));
    });
    return s;
}

ImportSummary EstService::ImportNow(const auth::Actor& actor, ImportFormat format, std::istream& in, std::size_t size,
                                    const std::string& file_name) {
    authz_.Require(actor, auth::Action::kSubmitIncidents, {"incident_import"});
    auto ref = reference();
    auto source = OpenSource(format, in, size, *ref, areas_, DefaultSourceOrg(actor));
    ImportOptions o;
    o.file_name = file_name;
    o.row_refusal = RowRefusal(actor);
    o.index = index_.get();
    return RunImport(db_, areas_, *ref, *source, actor, format, o);
}

std::shared_ptr<ImportJob> EstService::StartImport(const auth::Actor& actor, ImportFormat format, std::string body,
                                                   const std::string& file_name) {
    authz_.Require(actor, auth::Action::kSubmitIncidents, {"incident_import"});
    auto ref = reference();
    Pending p;
    std::size_t size = body.size();
    p.stream = std::make_unique<std::istringstream>(std::move(body));
    p.source = OpenSource(format, *p.stream, size, *ref, areas_, DefaultSourceOrg(actor));  // refuses a non-format file now
    p.actor = actor;
    p.format = format;
    p.job = std::make_shared<ImportJob>();
    p.job->id = RegisterImport(db_, actor, format, file_name);
    p.job->format = std::string(ImportFormatName(format));
    p.job->file_name = file_name;
    p.job->started_at = db_.clock().NowUtc();
    auto job = p.job;
    {
        std::lock_guard lock(jobs_mu_);
        jobs_[job->id] = job;
        queue_.push_back(std::move(p));
    }
    jobs_cv_.notify_all();
    return job;
}

std::shared_ptr<ImportJob> EstService::Job(const std::string& id) const {
    std::lock_guard lock(jobs_mu_);
    auto it = jobs_.find(id);
    return it == jobs_.end() ? nullptr : it->second;
}

std::vector<ImportRecord> EstService::Imports(const auth::Actor& actor, const std::optional<std::string>& id) {
    authz_.Require(actor, auth::Action::kSubmitIncidents, {"incident_import"});
    db::Lease c = db_.Acquire(db::Access::kRead);
    // Coordinators see every import; others their own.
    bool all = authz_.Allows(actor, auth::Action::kManageSituationSetup, {"incident_import"});
    if (id) {
        auto r = IncidentRepository::FindImport(*c, *id);
        if (!r || (!all && r->actor_id.value_or("") != actor.id.str()))
            throw NotFoundError("No import with id " + *id + ".");
        return {std::move(*r)};
    }
    return IncidentRepository::LatestImports(*c, all ? std::nullopt : std::optional(actor.id.str()), 20);
}

void EstService::Worker() {
    for (;;) {
        Pending p;
        {
            std::unique_lock lock(jobs_mu_);
            jobs_cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
            if (queue_.empty()) return;  // stopping, nothing left
            p = std::move(queue_.front());
            queue_.pop_front();
        }
        try {
            auto ref = reference();
            ImportOptions o;
            o.file_name = p.job->file_name;
            o.row_refusal = RowRefusal(p.actor);
            o.index = index_.get();
            o.progress = &p.job->progress;
            o.import_id = p.job->id;
            RunImport(db_, areas_, *ref, *p.source, p.actor, p.format, o);
        } catch (const std::exception& e) {
            spdlog::error("import {} failed: {}", p.job->id, e.what());
        }
        p.job->finished = true;
    }
}

// --- Pictures --------------------------------------------------------------------------------------

std::vector<const org::Area*> EstService::PictureAreas(const auth::Actor& actor) {
    std::vector<const org::Area*> out;
    std::string today = db_.clock().TodayStockholm();
    for (const char* kind : {"municipality", "district", "police_area"})
        for (const org::Area* a : areas_.ValidOn(today, kind))
            if (Allows(actor, auth::Action::kReadSituationPicture, a->id)) out.push_back(a);
    return out;
}

void EstService::RequirePicture(const auth::Actor& actor, const std::string& area_id) {
    if (!areas_.Get(area_id)) throw ValidationError("Unknown area '" + area_id + "'.", "area");
    authz_.Require(actor, auth::Action::kReadSituationPicture, AreaResource("situation_picture", area_id, db_.clock().TodayStockholm()));
    index_->Refresh(db_);
}

std::optional<SituationNote> EstService::Note(const std::string& area_id, const std::string& period) {
    db::Lease c = db_.Acquire(db::Access::kRead);
    return PictureRepository::FindNote(*c, area_id, period);
}

SituationNote EstService::SaveNote(const auth::Actor& actor, const std::string& area_id, const Period& period,
                                   const std::string& analysis, const std::vector<std::string>& focus) {
    if (!areas_.Get(area_id)) throw NotFoundError("No area with id " + area_id + ".");
    if (FindPersonalNumber(analysis))
        throw ValidationError("analysis contains something that looks like a personal identity number; the situation "
                              "picture is about places, not persons.",
                              "analysis");
    for (std::size_t i = 0; i < focus.size(); ++i)
        if (FindPersonalNumber(focus[i]))
            throw ValidationError("A focus place contains something that looks like a personal identity number.",
                                  "focus[" + std::to_string(i) + "]");
    authz_.Require(actor, auth::Action::kEditSituationNote, AreaResource("situation_note", area_id, db_.clock().TodayStockholm()));
    SituationNote n{area_id, period.Code(), analysis, focus, actor.display_name, db_.clock().NowUtc()};
    db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        PictureRepository::SaveNote(c, n);
        audit::Append(c, audit::ByActor(actor, "situation_note.save", "area", area_id,
                                        {{"period", n.period}, {"focus_items", focus.size()}}));
    });
    return n;
}

// --- Reporting duty --------------------------------------------------------------------------------

std::vector<DutyStatus> EstService::Duties(const auth::Actor& actor, const Period& week) {
    authz_.Require(actor, auth::Action::kManageSituationSetup, {"reporting_duty"});
    db::Lease c = db_.Acquire(db::Access::kRead);
    // Reported this week = an incident reported (not occurred) during the ISO week, Stockholm time.
    std::string from = FormatInstant(StockholmLocalToUtc(week.start, 0));
    std::string to = FormatInstant(StockholmLocalToUtc(week.end, 0));
    return DutyRepository::Duties(*c, from, to, week.Code());
}

std::vector<std::vector<std::string>> EstService::DutyCandidates(const auth::Actor& actor) {
    authz_.Require(actor, auth::Action::kManageSituationSetup, {"reporting_duty"});
    db::Lease c = db_.Acquire(db::Access::kRead);
    std::vector<std::vector<std::string>> out;
    for (auto& u : DutyRepository::Candidates(*c)) out.push_back({u.id, u.username, u.display_name});
    return out;
}

void EstService::AddDuty(const auth::Actor& actor, const std::string& user_id, const std::string& area_id) {
    authz_.Require(actor, auth::Action::kManageSituationSetup, {"reporting_duty"});
    const org::Area* a = areas_.Get(area_id);
    if (!a) throw ValidationError("Unknown area '" + area_id + "'.", "area_id");
    db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        if (!DutyRepository::UserExists(c, user_id)) throw ValidationError("Unknown user '" + user_id + "'.", "user_id");
        if (DutyRepository::HasDuty(c, user_id, area_id))
            throw ConflictError("The user already has a reporting duty for " + a->name + ".");
        DutyRepository::InsertDuty(c, user_id, area_id);
        audit::Append(c, audit::ByActor(actor, "reporting_duty.add", "user", user_id, {{"area_id", area_id}}));
    });
}

void EstService::RemoveDuty(const auth::Actor& actor, const std::string& user_id, const std::string& area_id) {
    authz_.Require(actor, auth::Action::kManageSituationSetup, {"reporting_duty"});
    bool found = false;
    db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        found = DutyRepository::DeleteDuty(c, user_id, area_id);
        if (found) audit::Append(c, audit::ByActor(actor, "reporting_duty.remove", "user", user_id, {{"area_id", area_id}}));
    });
    if (!found) throw NotFoundError("No such reporting duty.");
}

DutyStatus EstService::MyWeek(const auth::Actor& actor, const Period& week, std::vector<std::string>* areas) {
    RequireReadSetup(actor);
    db::Lease c = db_.Acquire(db::Access::kRead);
    std::string from = FormatInstant(StockholmLocalToUtc(week.start, 0));
    std::string to = FormatInstant(StockholmLocalToUtc(week.end, 0));
    for (auto& a : DutyRepository::AreasOf(*c, actor.id.str())) areas->push_back(std::move(a));
    DutyStatus s{actor.id.str(), actor.username, actor.display_name, ""};
    s.incidents = DutyRepository::ReportsFiled(*c, actor.id.str(), from, to);
    s.nil_return = DutyRepository::HasNilReturn(*c, actor.id.str(), week.Code());
    return s;
}

void EstService::NilReturn(const auth::Actor& actor, const Period& week) {
    authz_.Require(actor, auth::Action::kSubmitIncidents, {"nil_return"});
    db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        if (DutyRepository::AreasOf(c, actor.id.str()).empty()) throw ForbiddenError("You have no reporting duty.");
        if (DutyRepository::HasNilReturn(c, actor.id.str(), week.Code()))
            throw ConflictError("Nothing to report is already recorded for " + week.NameSv() + ".");
        DutyRepository::InsertNilReturn(c, actor.id.str(), week.Code());
        audit::Append(c, audit::ByActor(actor, "reporting_duty.nil_return", "user", actor.id.str(), {{"week", week.Code()}}));
    });
}

// --- Safety survey ---------------------------------------------------------------------------------

ImportSummary EstService::ImportSafety(const auth::Actor& actor, const std::string& bytes) {
    authz_.Require(actor, auth::Action::kManageSituationSetup, {"safety_indicator"});
    ImportSummary s;
    s.format = "csv";
    std::string text = DecodeSpreadsheetText(bytes, &s.encoding);
    std::vector<CsvRow> rows;
    try {
        rows = ParseCsv(text, GuessCsvDelimiter(text));
    } catch (const std::invalid_argument&) {
        throw ValidationError("The file is not CSV: a quoted field is never closed.", "file");
    }
    if (rows.empty()) throw ValidationError("The file is empty.", "file");
    std::map<std::string, std::size_t> col;
    for (std::size_t i = 0; i < rows[0].size(); ++i) {
        std::string h = LowerSv(rows[0][i]);
        if (h == "område" || h == "area") col["area"] = i;
        if (h == "år" || h == "year") col["year"] = i;
        if (h == "indikator" || h == "indicator") col["indicator"] = i;
        if (h == "värde" || h == "value") col["value"] = i;
    }
    for (const char* k : {"area", "year", "indicator", "value"})
        if (!col.count(k))
            throw ValidationError("The CSV file needs the columns område, år, indikator and värde.", "file");
    // Areas by id or name (neighbourhoods, districts, police areas, the city).
    std::map<std::string, std::string> by_name;
    for (const char* date : {"2000-01-01", "2100-01-01"})
        for (const org::Area* a : areas_.ValidOn(date)) by_name[LowerSv(a->name)] = a->id;
    std::vector<SafetyIndicator> good;
    for (std::size_t r = 1; r < rows.size(); ++r) {
        const CsvRow& row = rows[r];
        boost::json::object rec{{"row", r + 1}};
        for (std::size_t i = 0; i < row.size() && i < rows[0].size(); ++i) rec[rows[0][i]] = row[i];
        ++s.total;
        auto reject = [&](std::string why) {
            boost::json::value masked = rec;
            MaskPersonalNumbers(masked);
            ++s.rejected_count;
            if (s.rejected.size() < kMaxRejectionsKept) s.rejected.push_back({masked, std::move(why)});
        };
        if (row.size() != rows[0].size()) {
            reject("The row has " + std::to_string(row.size()) + " fields; the header has " + std::to_string(rows[0].size()) + ".");
            continue;
        }
        std::string area = row[col["area"]];
        std::string area_id = areas_.Get(area) ? area : (by_name.count(LowerSv(area)) ? by_name[LowerSv(area)] : "");
        if (area_id.empty()) { reject("Unknown area '" + area + "'."); continue; }
        int year = 0;
        try { year = std::stoi(row[col["year"]]); } catch (...) {}
        if (year < 2000 || year > 2100) { reject("år '" + row[col["year"]] + "' is not a year from 2000 to 2100."); continue; }
        std::string indicator = row[col["indicator"]];
        if (indicator.empty() || indicator.size() > 200) { reject("indikator must be 1–200 characters."); continue; }
        std::string v = row[col["value"]];
        std::replace(v.begin(), v.end(), ',', '.');
        double value = 0;
        try {
            std::size_t used = 0;
            value = std::stod(v, &used);
            if (used != v.size() || !std::isfinite(value)) throw std::invalid_argument("x");
        } catch (...) { reject("värde '" + row[col["value"]] + "' is not a number."); continue; }
        good.push_back({area_id, year, indicator, value});
    }
    db::InTransaction(db_, db::Access::kWrite, [&](db::Connection& c) {
        PictureRepository::SaveSafetyIndicators(c, good);
        audit::Append(c, audit::ByActor(actor, "safety_indicator.import", "safety_indicator", std::nullopt,
                                        {{"accepted", good.size()}, {"rejected", s.rejected_count}}));
    });
    s.accepted = good.size();
    s.status = "done";
    return s;
}

std::vector<SafetyIndicator> EstService::Indicators(const auth::Actor& actor, const std::string& area_id) {
    if (!areas_.Get(area_id)) throw ValidationError("Unknown area '" + area_id + "'.", "area");
    authz_.Require(actor, auth::Action::kReadSituationPicture, AreaResource("situation_picture", area_id, db_.clock().TodayStockholm()));
    return IndicatorsOf(area_id);
}

std::vector<SafetyIndicator> EstService::IndicatorsOf(const std::string& area_id) {
    const org::Area* area = areas_.Get(area_id);
    if (!area) return {};
    // The area itself and, for a district or the city, the neighbourhoods in it today.
    std::vector<std::string> ids{area_id};
    std::string today = db_.clock().TodayStockholm();
    std::vector<int> slots = TerritorySlots(*index_, areas_, *area, today);
    for (std::size_t s = 0; s < index_->neighbourhood_ids().size(); ++s)
        if (slots[s] == 0 && index_->neighbourhood_ids()[s] != area_id) ids.push_back(index_->neighbourhood_ids()[s]);
    db::Lease c = db_.Acquire(db::Access::kRead);
    std::vector<SafetyIndicator> out;
    for (auto& v : PictureRepository::SafetyIndicators(*c))
        if (std::find(ids.begin(), ids.end(), v.area_id) != ids.end()) out.push_back(std::move(v));
    return out;
}

}  // namespace samverkan::est
