#include "governance/governance_handler.hpp"

#include <boost/json.hpp>

#include "common/errors.hpp"
#include "common/time.hpp"
#include "governance/meeting_calendar.hpp"
#include "http/json_input.hpp"
#include "http/json_output.hpp"

namespace samverkan::governance {
namespace {

using http::Nullable;
using http::NullableNumber;
using http::Strings;

using boost::json::array;
using boost::json::object;
using boost::json::value;


object MemberJson(const GroupMember& m) {
    return {{"id", m.id}, {"name", m.name}, {"organisation_id", m.organisation_id}, {"role", m.role},
            {"user_id", Nullable(m.user_id)}};
}

object GroupJson(const Group& g, const std::vector<std::string>& problems, const org::AreaCatalog& areas) {
    array members;
    for (const auto& m : g.members) members.push_back(MemberJson(m));
    const org::Area* d = g.district_id ? areas.Get(*g.district_id) : nullptr;
    return {{"id", g.id},
            {"name", g.name},
            {"kind", g.kind},
            {"district_id", Nullable(g.district_id)},
            {"district_name", d ? value(d->name) : value(nullptr)},
            {"parent_group_id", Nullable(g.parent_group_id)},
            {"cadence", g.cadence},
            {"committee_ids", Strings(g.committee_ids)},
            {"members", members},
            {"composition_ok", problems.empty()},
            {"composition_problems", Strings(problems)}};
}

object RuleJson(const DelegationRule& r) {
    return {{"id", r.id},
            {"matter_type", r.matter_type},
            {"amount_limit_sek", NullableNumber(r.amount_limit_sek)},
            {"area_ids", Strings(r.area_ids)},
            {"horizon_months", NullableNumber(r.horizon_months)},
            {"requires_consultation", r.requires_consultation},
            {"escalate_to_id", r.escalate_to_id},
            {"valid_from", r.valid_from},
            {"valid_to", Nullable(r.valid_to)}};
}

object MeetingJson(const Meeting& m) {
    return {{"id", m.id}, {"group_id", m.group_id}, {"held_on", m.held_on}, {"agenda", m.agenda},
            {"minutes", m.minutes}, {"attendance", Strings(m.attendance)}};
}

object GroupViewJson(const GroupView& v, const org::AreaCatalog& areas) {
    object o = GroupJson(v.group, v.composition_problems, areas);
    array rules, meetings, dialogue;
    for (const auto& r : v.rules) rules.push_back(RuleJson(r));
    for (const auto& m : v.meetings) meetings.push_back(MeetingJson(m));
    for (const auto& e : v.dialogue)
        dialogue.push_back({{"id", e.id}, {"held_on", e.held_on}, {"parties", e.parties}, {"topic", e.topic},
                            {"follow_ups", Strings(e.follow_ups)}});
    o["rules"] = rules;
    o["meetings"] = meetings;
    o["dialogue"] = dialogue;
    return o;
}

const char* ConsultationStateName(ConsultationState s) {
    switch (s) {
        case ConsultationState::kNotNeeded: return "not_needed";
        case ConsultationState::kMissing: return "missing";
        case ConsultationState::kLate: return "late";
        case ConsultationState::kOpen: return "open";
        case ConsultationState::kInGoodTime: return "in_good_time";
    }
    return "missing";
}

object DecisionJson(const DecisionView& v) {
    const Decision& d = v.decision;
    array consultations;
    for (const auto& k : v.consultations)
        consultations.push_back({{"id", k.id}, {"body_id", k.body_id}, {"opened_on", k.opened_on},
                                 {"concluded_on", Nullable(k.concluded_on)}, {"outcome", k.outcome}});
    object o{{"id", d.id},
             {"meeting_id", d.meeting_id},
             {"group_id", d.group_id},
             {"title", d.title},
             {"matter_type", d.facts.matter_type},
             {"amount_sek", NullableNumber(d.facts.amount_sek)},
             {"area_ids", Strings(d.facts.area_ids)},
             {"horizon_months", NullableNumber(d.facts.horizon_months)},
             {"decision_date", d.facts.decision_date},
             {"major", d.major},
             {"status", d.status},
             {"evaluation",
              {{"within_mandate", d.evaluation.within},
               {"rule_id", Nullable(d.evaluation.rule_id)},
               {"requires_consultation", d.evaluation.requires_consultation},
               {"reasons", Strings(d.evaluation.reasons)}}},
             {"queued_for_delegation_report", d.status == "final" && d.evaluation.within},
             {"consultation_override", Nullable(d.consultation_override)},
             {"finalised_at", Nullable(d.finalised_at)},
             {"consultations", consultations},
             {"consultation_check", {{"state", ConsultationStateName(v.consultation.state)}, {"reason", v.consultation.reason}}}};
    if (v.escalation) {
        const Escalation& e = *v.escalation;
        o["escalation"] = {{"id", e.id}, {"to_id", e.to_id}, {"reason", e.reason}, {"created_on", e.created_on},
                           {"outcome", Nullable(e.outcome)}, {"outcome_note", Nullable(e.outcome_note)},
                           {"decided_on", Nullable(e.decided_on)}};
    } else {
        o["escalation"] = nullptr;
    }
    return o;
}

std::vector<std::string> StringArray(const object& o, std::string_view key, std::size_t max) {
    std::vector<std::string> out;
    const array& a = http::ArrayField(o, key, std::string(key), max);
    for (std::size_t i = 0; i < a.size(); ++i) {
        std::string path = std::string(key) + "[" + std::to_string(i) + "]";
        if (!a[i].is_string()) throw ValidationError("Field '" + path + "' must be a string.", path);
        object wrap{{"v", a[i]}};
        out.push_back(http::RequiredStringField(wrap, "v", path, 1000));
    }
    return out;
}

std::optional<long long> WholeNumber(const object& o, std::string_view key, double max = 1e15) {
    auto n = http::NumberField(o, key, std::string(key));
    if (!n) return std::nullopt;
    if (*n != static_cast<double>(static_cast<long long>(*n)) || *n > max || *n < -max)
        throw ValidationError("Field '" + std::string(key) + "' must be a whole number of at most " +
                                  std::to_string(static_cast<long long>(max)) + ".",
                              std::string(key));
    return static_cast<long long>(*n);
}

bool Flag(const object& o, std::string_view key) {
    auto it = o.find(key);
    if (it == o.end() || it->value().is_null()) return false;
    if (!it->value().is_bool()) throw ValidationError("Field '" + std::string(key) + "' must be true or false.", std::string(key));
    return it->value().as_bool();
}

http::Response Json(const object& o, int status = 200) { return http::Response::Json(boost::json::serialize(o), status); }

}  // namespace

void RegisterGovernanceRoutes(http::Router& router, GroupService& groups, DecisionService& decisions,
                              GovernanceHealthService& health, const org::AreaCatalog& areas,
                              const DataVersion& version) {
    // The health view reads across every group; it is rebuilt after any write, and at most every 5 s.
    auto health_cache = std::make_shared<ReadCache>(std::chrono::seconds(5), 4);
    router.Add("GET", "/api/v1/groups", [&](const http::Context& ctx) {
        array items;
        for (const auto& [g, problems] : groups.List(ctx.actor)) items.push_back(GroupJson(g, problems, areas));
        return Json({{"items", items}});
    });

    router.Add("POST", "/api/v1/groups", [&](const http::Context& ctx) {
        http::JsonBody body(ctx.request.body, {"name", "kind", "district_id", "parent_group_id", "cadence", "committee_ids"});
        Group g;
        g.name = body.RequiredString("name", 200);
        g.kind = body.RequiredString("kind", 20);
        g.district_id = body.OptionalString("district_id", 64);
        g.parent_group_id = body.OptionalString("parent_group_id", 64);
        g.cadence = body.RequiredString("cadence", 20);
        g.committee_ids = StringArray(body.object(), "committee_ids", 50);
        GroupView v = groups.Create(ctx.actor, g);
        http::Response r = Json(GroupViewJson(v, areas), 201);
        r.SetHeader("Location", "/api/v1/groups/" + v.group.id);
        return r;
    });

    router.Add("GET", "/api/v1/groups/{id}", [&](const http::Context& ctx) {
        return Json(GroupViewJson(groups.Get(ctx.actor, ctx.request.path_params.at("id")), areas));
    });

    auto calendar = [](const GroupView& v, const http::Request& req) {
        http::Response r;
        r.content_type = "text/calendar; charset=utf-8";
        std::string host(req.Header("host"));
        r.body = MeetingCalendar(v.group, v.meetings, host.empty() ? "samverkan" : host.substr(0, host.find(':')));
        r.SetHeader("Content-Disposition", "inline; filename=\"sammantraden.ics\"");
        return r;
    };

    router.Add("GET", "/api/v1/groups/{id}/calendar", [&, calendar](const http::Context& ctx) {
        return calendar(groups.Get(ctx.actor, ctx.request.path_params.at("id")), ctx.request);
    });

    router.Add("POST", "/api/v1/groups/{id}/calendar-feeds", [&](const http::Context& ctx) {
        std::string token = groups.CreateCalendarFeed(ctx.actor, ctx.request.path_params.at("id"));
        std::string path = "/api/v1/calendar/" + token;
        http::Response r = Json({{"path", path}}, 201);
        r.SetHeader("Location", path);
        return r;
    });

    // Reached by calendar programs, which cannot sign in: the secret token in the path is the credential.
    router.Add("GET", "/api/v1/calendar/{token}", [&, calendar](const http::Context& ctx) {
        return calendar(groups.ReadCalendarFeed(ctx.request.path_params.at("token"), ctx.request.request_id), ctx.request);
    });

    router.Add("POST", "/api/v1/groups/{id}/members", [&](const http::Context& ctx) {
        http::JsonBody body(ctx.request.body, {"name", "organisation_id", "role", "user_id"});
        GroupMember m{"", body.RequiredString("name", 200), body.RequiredString("organisation_id", 64),
                      body.RequiredString("role", 20), body.OptionalString("user_id", 64)};
        return Json(GroupViewJson(groups.AddMember(ctx.actor, ctx.request.path_params.at("id"), m), areas), 201);
    });

    router.Add("DELETE", "/api/v1/groups/{id}/members/{member_id}", [&](const http::Context& ctx) {
        return Json(GroupViewJson(groups.RemoveMember(ctx.actor, ctx.request.path_params.at("id"),
                                                      ctx.request.path_params.at("member_id")),
                                  areas));
    });

    router.Add("POST", "/api/v1/groups/{id}/rules", [&](const http::Context& ctx) {
        http::JsonBody body(ctx.request.body, {"matter_type", "amount_limit_sek", "area_ids", "horizon_months",
                                               "requires_consultation", "escalate_to_id", "valid_from"});
        const object& o = body.object();
        DelegationRule r;
        r.matter_type = body.RequiredString("matter_type", 40);
        r.amount_limit_sek = WholeNumber(o, "amount_limit_sek");
        r.area_ids = StringArray(o, "area_ids", 200);
        if (auto h = WholeNumber(o, "horizon_months", 1200)) r.horizon_months = static_cast<int>(*h);
        r.requires_consultation = Flag(o, "requires_consultation");
        r.escalate_to_id = body.RequiredString("escalate_to_id", 64);
        r.valid_from = body.OptionalString("valid_from", 10).value_or(groups.clock().TodayStockholm());
        return Json(GroupViewJson(groups.AddRule(ctx.actor, ctx.request.path_params.at("id"), r), areas), 201);
    });

    router.Add("POST", "/api/v1/groups/{id}/dialogue", [&](const http::Context& ctx) {
        http::JsonBody body(ctx.request.body, {"held_on", "parties", "topic", "follow_ups"});
        DialogueEntry e{"", "", body.RequiredString("held_on", 10), body.RequiredString("parties", 1000),
                        body.RequiredString("topic", 1000), StringArray(body.object(), "follow_ups", 50)};
        return Json(GroupViewJson(groups.AddDialogue(ctx.actor, ctx.request.path_params.at("id"), e), areas), 201);
    });

    router.Add("POST", "/api/v1/groups/{id}/meetings", [&](const http::Context& ctx) {
        http::JsonBody body(ctx.request.body, {"held_on", "agenda", "minutes", "attendance"});
        Meeting m{"", "", body.RequiredString("held_on", 10), body.OptionalText("agenda", 20000).value_or(""),
                  body.OptionalText("minutes", 100000).value_or(""), StringArray(body.object(), "attendance", 200)};
        Meeting saved = decisions.AddMeeting(ctx.actor, ctx.request.path_params.at("id"), m);
        http::Response r = Json(MeetingJson(saved), 201);
        r.SetHeader("Location", "/api/v1/meetings/" + saved.id);
        return r;
    });

    router.Add("GET", "/api/v1/meetings/{id}", [&](const http::Context& ctx) {
        auto [meeting, list] = decisions.GetMeeting(ctx.actor, ctx.request.path_params.at("id"));
        object o = MeetingJson(meeting);
        array ds;
        for (const auto& d : list) ds.push_back(DecisionJson(d));
        o["decisions"] = ds;
        return Json(o);
    });

    router.Add("POST", "/api/v1/meetings/{id}/decisions", [&](const http::Context& ctx) {
        http::JsonBody body(ctx.request.body, {"title", "matter_type", "amount_sek", "area_ids", "horizon_months", "major"});
        const object& o = body.object();
        NewDecision in;
        in.title = body.RequiredString("title", 300);
        in.matter_type = body.RequiredString("matter_type", 40);
        in.amount_sek = WholeNumber(o, "amount_sek");
        in.area_ids = StringArray(o, "area_ids", 200);
        if (auto h = WholeNumber(o, "horizon_months", 1200)) in.horizon_months = static_cast<int>(*h);
        in.major = Flag(o, "major");
        DecisionView v = decisions.Decide(ctx.actor, ctx.request.path_params.at("id"), in);
        http::Response r = Json(DecisionJson(v), 201);
        r.SetHeader("Location", "/api/v1/decisions/" + v.decision.id);
        return r;
    });

    router.Add("GET", "/api/v1/decisions/{id}", [&](const http::Context& ctx) {
        return Json(DecisionJson(decisions.Get(ctx.actor, ctx.request.path_params.at("id"))));
    });

    router.Add("POST", "/api/v1/decisions/{id}/finalise", [&](const http::Context& ctx) {
        std::optional<std::string> reason;
        if (!ctx.request.body.empty()) {
            http::JsonBody body(ctx.request.body, {"override_reason"});
            reason = body.OptionalText("override_reason", 2000);
        }
        return Json(DecisionJson(decisions.Finalise(ctx.actor, ctx.request.path_params.at("id"), reason)));
    });

    router.Add("POST", "/api/v1/decisions/{id}/consultations", [&](const http::Context& ctx) {
        http::JsonBody body(ctx.request.body, {"body_id", "opened_on"});
        return Json(DecisionJson(decisions.OpenConsultation(ctx.actor, ctx.request.path_params.at("id"),
                                                            body.RequiredString("body_id", 64),
                                                            body.RequiredString("opened_on", 10))),
                    201);
    });

    router.Add("POST", "/api/v1/consultations/{id}/conclude", [&](const http::Context& ctx) {
        http::JsonBody body(ctx.request.body, {"concluded_on", "outcome"});
        return Json(DecisionJson(decisions.ConcludeConsultation(ctx.actor, ctx.request.path_params.at("id"),
                                                                body.RequiredString("concluded_on", 10),
                                                                body.OptionalText("outcome", 5000).value_or(""))));
    });

    router.Add("POST", "/api/v1/escalations/{id}/outcome", [&](const http::Context& ctx) {
        http::JsonBody body(ctx.request.body, {"outcome", "note", "decided_on"});
        return Json(DecisionJson(decisions.RecordOutcome(
            ctx.actor, ctx.request.path_params.at("id"), body.RequiredString("outcome", 20),
            body.OptionalText("note", 5000).value_or(""), body.OptionalString("decided_on", 10).value_or(decisions.clock().TodayStockholm()))));
    });

    router.Add("GET", "/api/v1/governance/health", [&, health_cache](const http::Context& ctx) {
        health.RequireRead(ctx.actor);
        std::string today = health.clock().TodayStockholm();
        std::uint64_t v = version.Get();
        if (auto cached = health_cache->Get(today, v)) return http::Response::Json(*cached);
        std::string body = boost::json::serialize(health.Build(today));
        health_cache->Put(today, v, body);
        return http::Response::Json(std::move(body));
    });
}

}  // namespace samverkan::governance
