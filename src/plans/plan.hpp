#pragma once
// The records of an action plan (handlingsplan): the plan, its ranked problems with their cause
// analysis, goals, indicators, measures with follow-ups, comments; and citizen promises.
#include <optional>
#include <string>
#include <vector>

#include "plans/measure.hpp"

namespace samverkan::plans {

// A focus area of the citywide agreement: what problems are grouped under.
struct FocusArea {
    std::string code, title;
};

struct Plan {
    std::string id;
    std::string scope;  // "citywide" | "local"
    std::optional<std::string> district_id;
    std::optional<std::string> agreement_id;
    std::string title, period_start, period_end;
};

// A link from a problem to what shows it: a figure of the situation picture, or another source.
struct Evidence {
    std::string kind;  // "situation_picture" | "source"
    std::string label;
    std::optional<std::string> url;
    std::optional<std::string> area_id;
    std::optional<int> category_id;
    std::optional<std::string> period;
};

struct Problem {
    std::string id, plan_id;
    int rank = 0;
    std::string title, description;
    std::optional<std::string> focus_area_code;
    // The crime triangle: the offender, the target or victim, and the place.
    std::string offender, target, place;
    std::vector<Evidence> evidence;
};

struct Goal {
    std::string id, plan_id, code;
    int position = 0;
    std::string title, description;
    std::string origin;  // "agreement" | "local"
    std::optional<std::string> agreement_item_code;
};

struct IndicatorValue {
    std::string period;  // a period code: "2026-Q3", "2026", ...
    double value = 0;
    std::string source;  // "manual" | "import" | "situation_picture"
    bool partial = false;
};

struct Indicator {
    std::string id, plan_id;
    std::optional<std::string> goal_id, measure_id;
    int position = 0;
    std::string name, unit;
    std::optional<double> baseline, target;
    std::string source;  // "manual" | "situation_picture"
    std::optional<int> category_id;
    std::vector<std::string> area_ids;
    std::vector<IndicatorValue> values;  // stored values; a bound indicator's are filled in when read
};

struct Measure {
    std::string id, plan_id, title, description;
    std::string type;     // "situational" | "social"
    std::string horizon;  // "short" | "long"
    MeasureStatus status = MeasureStatus::kPlanned;
    std::string start_date, end_date, responsible;
    std::vector<std::string> owner_ids;  // organisations, in order
    std::vector<std::string> goal_ids, problem_ids;
    std::optional<int> progress;
    std::optional<std::string> progress_on;
};

struct FollowUp {
    std::string id, measure_id, date, note;
    int progress = 0;
    std::optional<std::string> recorded_by;
    std::string recorded_by_name, recorded_at;
};

struct Comment {
    std::string id, plan_id;
    std::optional<std::string> measure_id;
    std::string author_id, author_name, body, created_at;
};

struct PlanDetail {
    Plan plan;
    std::vector<Problem> problems;  // by rank
    std::vector<Goal> goals;
    std::vector<Indicator> indicators;
    std::vector<Measure> measures;
    std::vector<Comment> comments;
};

struct Signatory {
    std::string party;  // "city" | "police"
    std::string name, title;
    std::optional<std::string> signed_on;
};

struct PromiseActivity {
    std::string id, promise_id, title, responsible;
    std::optional<std::string> due_date;
    std::string status;
};

struct PromiseFollowUp {
    std::string id, promise_id, date, note;
    int progress = 0;
};

struct CitizenPromise {
    std::string id, title, description;
    std::optional<std::string> district_id, police_area_id;
    std::string period_start, period_end;
    Signatory city, police;
    bool is_public = false;
    std::vector<PromiseActivity> activities;
    std::vector<PromiseFollowUp> follow_ups;
    bool Signed() const { return city.signed_on.has_value() && police.signed_on.has_value(); }
};

}  // namespace samverkan::plans
