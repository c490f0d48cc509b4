#include "governance/agreement_handler.hpp"

#include <boost/json.hpp>
#include <set>

#include "common/errors.hpp"
#include "common/time.hpp"
#include "http/json_input.hpp"
#include "http/json_output.hpp"

namespace samverkan::governance {
namespace {

using http::Nullable;

using boost::json::array;
using boost::json::object;
using boost::json::value;


object SummaryJson(const Agreement& a, const org::AreaCatalog& areas, const std::string& today) {
    const org::Area* d = a.district_id ? areas.Get(*a.district_id) : nullptr;
    return {{"id", a.id},
            {"title", a.title},
            {"scope", a.scope},
            // district_id and district_name predate the AreaRef and stay for the clients that read them.
            {"district", d ? value(object{{"id", d->id}, {"name", d->name}, {"kind", d->kind}}) : value(nullptr)},
            {"district_id", Nullable(a.district_id)},
            {"district_name", d ? value(d->name) : value(nullptr)},
            {"parent_id", Nullable(a.parent_id)},
            {"version", a.version},
            {"previous_version_id", Nullable(a.previous_version_id)},
            {"status", StatusName(a.EffectiveStatus(today))},
            {"period_start", a.period_start},
            {"period_end", Nullable(a.period_end)},
            {"superseded_by", Nullable(a.superseded_by)}};
}

object ItemJson(const AgreementItem& i) {
    object o{{"code", i.code}, {"title", i.title}};
    for (const auto& kv : i.fields) o[kv.key()] = kv.value();
    return o;
}

const char* SectionKey(std::string_view kind) {
    if (kind == "focus_area") return "focus_areas";
    if (kind == "problem") return "problems";
    if (kind == "goal") return "goals";
    return "groups";
}

object DetailJson(const AgreementView& v, const org::AreaCatalog& areas, const std::string& today) {
    object o = SummaryJson(v.agreement, areas, today);
    array signatories;
    for (const Signatory& s : v.agreement.signatories)
        signatories.push_back({{"party", s.party}, {"name", s.name}, {"title", s.title}, {"signed_on", Nullable(s.signed_on)}});
    o["signatories"] = signatories;
    o["follow_up_plan"] = v.agreement.follow_up_plan;
    for (std::string_view kind : kItemKinds) {
        array items;
        for (const AgreementItem& i : v.agreement.items)
            if (i.kind == kind) items.push_back(ItemJson(i));
        o[SectionKey(kind)] = items;
    }
    array transitions;
    for (AgreementStatus s : v.allowed_transitions) transitions.push_back(value(StatusName(s)));
    o["allowed_transitions"] = transitions;
    array versions;
    for (const Agreement* a : v.versions) versions.push_back(SummaryJson(*a, areas, today));
    o["versions"] = versions;
    return o;
}

std::string Code(const object& o, const std::string& path) {
    std::string code = http::RequiredStringField(o, "code", path + ".code", 40);
    for (char c : code)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.'))
            throw ValidationError("Field '" + path + ".code' may hold only letters a-z, digits, '-', '_' and '.'.",
                                  path + ".code");
    return code;
}

// Reads one section of items, strictly: known fields only, right types, unique codes.
void ReadItems(const object& body, std::string_view kind, std::vector<AgreementItem>& out) {
    std::string key = SectionKey(kind);
    const array& items = http::ArrayField(body, key, key, 200);
    std::set<std::string> codes;
    for (std::size_t i = 0; i < items.size(); ++i) {
        std::string path = key + "[" + std::to_string(i) + "]";
        const object& o = http::AsObject(items[i], path);
        AgreementItem item;
        item.kind = kind;
        item.code = Code(o, path);
        if (!codes.insert(item.code).second)
            throw ValidationError("Code '" + item.code + "' appears twice in " + key + ".", path + ".code");
        item.title = http::RequiredStringField(o, "title", path + ".title", 300);
        item.fields["description"] = http::StringField(o, "description", path + ".description", 5000, true).value_or("");
        if (kind == "focus_area") {
            http::RejectUnknownFields(o, {"code", "title", "description"}, path);
        } else if (kind == "problem") {
            http::RejectUnknownFields(o, {"code", "title", "description", "causes", "focus_area_code"}, path);
            array causes;
            const array& in = http::ArrayField(o, "causes", path + ".causes", 50);
            for (std::size_t c = 0; c < in.size(); ++c) {
                std::string cp = path + ".causes[" + std::to_string(c) + "]";
                if (!in[c].is_string()) throw ValidationError("Field '" + cp + "' must be a string.", cp);
                object wrap{{"v", in[c]}};
                causes.push_back(value(http::RequiredStringField(wrap, "v", cp, 1000)));
            }
            item.fields["causes"] = causes;
            auto fa = http::StringField(o, "focus_area_code", path + ".focus_area_code", 40);
            item.fields["focus_area_code"] = fa && !fa->empty() ? value(*fa) : value(nullptr);
        } else if (kind == "goal") {
            http::RejectUnknownFields(o, {"code", "title", "description", "indicators"}, path);
            array indicators;
            const array& in = http::ArrayField(o, "indicators", path + ".indicators", 50);
            for (std::size_t n = 0; n < in.size(); ++n) {
                std::string ip = path + ".indicators[" + std::to_string(n) + "]";
                const object& io = http::AsObject(in[n], ip);
                http::RejectUnknownFields(io, {"name", "unit", "baseline", "target"}, ip);
                auto baseline = http::NumberField(io, "baseline", ip + ".baseline");
                auto target = http::NumberField(io, "target", ip + ".target");
                indicators.push_back({{"name", http::RequiredStringField(io, "name", ip + ".name", 300)},
                                      {"unit", http::StringField(io, "unit", ip + ".unit", 50).value_or("")},
                                      {"baseline", baseline ? value(*baseline) : value(nullptr)},
                                      {"target", target ? value(*target) : value(nullptr)}});
            }
            item.fields["indicators"] = indicators;
        } else {
            http::RejectUnknownFields(o, {"code", "title", "description", "mandate_summary"}, path);
            item.fields["mandate_summary"] =
                http::StringField(o, "mandate_summary", path + ".mandate_summary", 5000, true).value_or("");
        }
        out.push_back(std::move(item));
    }
}

AgreementContent ReadContent(const http::JsonBody& body) {
    const object& o = body.object();
    AgreementContent c;
    c.title = body.RequiredString("title", 300);
    c.period_start = body.RequiredString("period_start", 10);
    c.period_end = body.OptionalString("period_end", 10);
    if (c.period_end && c.period_end->empty()) c.period_end.reset();
    c.follow_up_plan = body.OptionalText("follow_up_plan", 20000).value_or("");
    const array& signatories = http::ArrayField(o, "signatories", "signatories", 20);
    for (std::size_t i = 0; i < signatories.size(); ++i) {
        std::string path = "signatories[" + std::to_string(i) + "]";
        const object& s = http::AsObject(signatories[i], path);
        http::RejectUnknownFields(s, {"party", "name", "title", "signed_on"}, path);
        Signatory sig;
        sig.party = http::RequiredStringField(s, "party", path + ".party", 10);
        if (sig.party != "city" && sig.party != "police")
            throw ValidationError("Field '" + path + ".party' must be city or police.", path + ".party");
        sig.name = http::RequiredStringField(s, "name", path + ".name", 200);
        sig.title = http::RequiredStringField(s, "title", path + ".title", 200);
        sig.signed_on = http::StringField(s, "signed_on", path + ".signed_on", 10);
        if (sig.signed_on && sig.signed_on->empty()) sig.signed_on.reset();
        if (sig.signed_on && !IsIsoDate(*sig.signed_on))
            throw ValidationError("Field '" + path + ".signed_on' must be a date as YYYY-MM-DD.", path + ".signed_on");
        c.signatories.push_back(std::move(sig));
    }
    for (std::string_view kind : kItemKinds) ReadItems(o, kind, c.items);
    // A problem may only point at a focus area of the same agreement.
    std::set<std::string> focus;
    for (const auto& i : c.items)
        if (i.kind == "focus_area") focus.insert(i.code);
    int n = 0;
    for (const auto& i : c.items) {
        if (i.kind != "problem") continue;
        const value* fa = i.fields.if_contains("focus_area_code");
        if (fa && fa->is_string() && !focus.count(std::string(fa->as_string()))) {
            std::string path = "problems[" + std::to_string(n) + "].focus_area_code";
            throw ValidationError("Field '" + path + "' names no focus area of this agreement.", path);
        }
        ++n;
    }
    return c;
}

}  // namespace

void RegisterAgreementRoutes(http::Router& router, AgreementService& agreements, const org::AreaCatalog& areas) {
    auto json = [](const object& o, int status = 200) { return http::Response::Json(boost::json::serialize(o), status); };

    router.Add("GET", "/api/v1/agreements", [&, json](const http::Context& ctx) {
        std::string today = agreements.Today();
        array items;
        for (const Agreement& a : agreements.List(ctx.actor)) items.push_back(SummaryJson(a, areas, today));
        return json({{"items", items}});
    });

    router.Add("POST", "/api/v1/agreements", [&, json](const http::Context& ctx) {
        http::JsonBody body(ctx.request.body, {"title", "scope", "district_id", "parent_id", "period_start", "period_end"});
        NewAgreement in{body.RequiredString("title", 300),       body.RequiredString("scope", 20),
                        body.OptionalString("district_id", 64),  body.OptionalString("parent_id", 64),
                        body.RequiredString("period_start", 10), body.OptionalString("period_end", 10)};
        if (in.period_end && in.period_end->empty()) in.period_end.reset();
        AgreementView v = agreements.Create(ctx.actor, in);
        http::Response r = json(DetailJson(v, areas, agreements.Today()), 201);
        r.SetHeader("Location", "/api/v1/agreements/" + v.agreement.id);
        return r;
    });

    router.Add("GET", "/api/v1/agreements/compare", [&, json](const http::Context& ctx) {
        auto from = ctx.request.QueryParam("from"), to = ctx.request.QueryParam("to");
        if (!from || from->empty()) throw ValidationError("from is required", "from");
        if (!to || to->empty()) throw ValidationError("to is required", "to");
        auto [a, b] = agreements.ForCompare(ctx.actor, *from, *to);
        std::string today = agreements.Today();
        array sections;
        for (const SectionDiff& d : Compare(a, b)) {
            array added, removed, changed;
            for (const auto& i : d.added) added.push_back({{"code", i.code}, {"title", i.title}});
            for (const auto& i : d.removed) removed.push_back({{"code", i.code}, {"title", i.title}});
            for (const auto& c : d.changed) {
                array changes;
                for (const auto& f : c.changes) changes.push_back({{"field", f.field}, {"from", f.from}, {"to", f.to}});
                changed.push_back({{"code", c.code}, {"title", c.title}, {"changes", changes}});
            }
            sections.push_back({{"kind", d.kind}, {"added", added}, {"removed", removed}, {"changed", changed}});
        }
        return json({{"from", SummaryJson(a, areas, today)},
                     {"to", SummaryJson(b, areas, today)},
                     {"period",
                      {{"from", {{"period_start", a.period_start}, {"period_end", Nullable(a.period_end)}}},
                       {"to", {{"period_start", b.period_start}, {"period_end", Nullable(b.period_end)}}}}},
                     {"sections", sections}});
    });

    router.Add("GET", "/api/v1/agreements/{id}", [&, json](const http::Context& ctx) {
        return json(DetailJson(agreements.Get(ctx.actor, ctx.request.path_params.at("id")), areas, agreements.Today()));
    });

    router.Add("PUT", "/api/v1/agreements/{id}", [&, json](const http::Context& ctx) {
        http::JsonBody body(ctx.request.body, {"title", "period_start", "period_end", "follow_up_plan", "signatories",
                                               "focus_areas", "problems", "goals", "groups"});
        AgreementView v = agreements.Update(ctx.actor, ctx.request.path_params.at("id"), ReadContent(body));
        return json(DetailJson(v, areas, agreements.Today()));
    });

    router.Add("POST", "/api/v1/agreements/{id}/transitions", [&, json](const http::Context& ctx) {
        http::JsonBody body(ctx.request.body, {"to"});
        std::string to = body.RequiredString("to", 20);
        auto status = ParseStatus(to);
        if (!status || *status == AgreementStatus::kSuperseded)
            throw ValidationError("to must be draft, proposed, signed or in_force", "to");
        AgreementView v = agreements.Transition(ctx.actor, ctx.request.path_params.at("id"), *status);
        return json(DetailJson(v, areas, agreements.Today()));
    });

    router.Add("POST", "/api/v1/agreements/{id}/versions", [&, json](const http::Context& ctx) {
        AgreementView v = agreements.NewVersion(ctx.actor, ctx.request.path_params.at("id"));
        http::Response r = json(DetailJson(v, areas, agreements.Today()), 201);
        r.SetHeader("Location", "/api/v1/agreements/" + v.agreement.id);
        return r;
    });
}

}  // namespace samverkan::governance
