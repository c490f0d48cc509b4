-- Action plans (handlingsplaner): a citywide plan under the agreement and a local plan per district,
-- each with ranked problems (and their cause analysis), goals with indicators, and measures with
-- owners and follow-ups; citizen promises (medborgarlöften) per district and local police area.

CREATE TABLE action_plans (
    id              TEXT PRIMARY KEY,
    scope           TEXT NOT NULL CHECK (scope IN ('citywide', 'local')),
    district_id     TEXT REFERENCES areas(id),
    agreement_id    TEXT REFERENCES agreements(id),
    title           TEXT NOT NULL,
    period_start    {{date}} NOT NULL,
    period_end      {{date}} NOT NULL,
    created_at      {{timestamptz}} NOT NULL,
    updated_at      {{timestamptz}} NOT NULL,
    CHECK ((scope = 'local') = (district_id IS NOT NULL)),
    CHECK (period_start <= period_end)
);
-- One plan per district, and one citywide plan.
CREATE UNIQUE INDEX action_plans_one_per_scope ON action_plans (scope, COALESCE(district_id, ''));

-- A prioritised problem. `rank` orders the plan's problems (1 = most important); the crime
-- triangle's three sides carry the cause analysis. `evidence` is a JSON array of links to
-- situation-picture figures or other sources.
CREATE TABLE plan_problems (
    id              TEXT PRIMARY KEY,
    plan_id         TEXT NOT NULL REFERENCES action_plans(id),
    rank            INTEGER NOT NULL,
    title           TEXT NOT NULL,
    description     TEXT NOT NULL,
    focus_area_code TEXT,
    offender        TEXT NOT NULL,
    target          TEXT NOT NULL,
    place           TEXT NOT NULL,
    evidence        TEXT NOT NULL,
    UNIQUE (plan_id, title)
);
CREATE INDEX plan_problems_plan ON plan_problems (plan_id, rank);

CREATE TABLE plan_goals (
    id                  TEXT PRIMARY KEY,
    plan_id             TEXT NOT NULL REFERENCES action_plans(id),
    code                TEXT NOT NULL,
    position            INTEGER NOT NULL,
    title               TEXT NOT NULL,
    description         TEXT NOT NULL,
    origin              TEXT NOT NULL CHECK (origin IN ('agreement', 'local')),
    agreement_item_code TEXT,
    UNIQUE (plan_id, code),
    CHECK ((origin = 'agreement') = (agreement_item_code IS NOT NULL))
);

-- A measure (åtgärd). `progress` and `progress_on` repeat the latest follow-up's figure and date,
-- kept in the same transaction as the follow-up, so that roll-ups never scan the follow-ups.
CREATE TABLE measures (
    id              TEXT PRIMARY KEY,
    plan_id         TEXT NOT NULL REFERENCES action_plans(id),
    title           TEXT NOT NULL,
    description     TEXT NOT NULL,
    type            TEXT NOT NULL CHECK (type IN ('situational', 'social')),
    horizon         TEXT NOT NULL CHECK (horizon IN ('short', 'long')),
    status          TEXT NOT NULL CHECK (status IN ('planned', 'ongoing', 'done', 'paused', 'cancelled')),
    start_date      {{date}} NOT NULL,
    end_date        {{date}} NOT NULL,
    responsible     TEXT NOT NULL,
    progress        INTEGER,
    progress_on     {{date}},
    created_at      {{timestamptz}} NOT NULL,
    updated_at      {{timestamptz}} NOT NULL,
    CHECK (start_date <= end_date)
);
CREATE INDEX measures_plan ON measures (plan_id);

CREATE TABLE measure_owners (
    measure_id      TEXT NOT NULL REFERENCES measures(id),
    organisation_id TEXT NOT NULL REFERENCES organisations(id),
    position        INTEGER NOT NULL,
    PRIMARY KEY (measure_id, organisation_id)
);
CREATE INDEX measure_owners_org ON measure_owners (organisation_id);

CREATE TABLE measure_goals (
    measure_id  TEXT NOT NULL REFERENCES measures(id),
    goal_id     TEXT NOT NULL REFERENCES plan_goals(id),
    PRIMARY KEY (measure_id, goal_id)
);
CREATE INDEX measure_goals_goal ON measure_goals (goal_id);

CREATE TABLE measure_problems (
    measure_id  TEXT NOT NULL REFERENCES measures(id),
    problem_id  TEXT NOT NULL REFERENCES plan_problems(id),
    PRIMARY KEY (measure_id, problem_id)
);

CREATE TABLE measure_follow_ups (
    id              TEXT PRIMARY KEY,
    measure_id      TEXT NOT NULL REFERENCES measures(id),
    follow_up_on    {{date}} NOT NULL,
    note            TEXT NOT NULL,
    progress        INTEGER NOT NULL CHECK (progress BETWEEN 0 AND 100),
    recorded_by     TEXT REFERENCES users(id),
    recorded_at     {{timestamptz}} NOT NULL
);
CREATE INDEX measure_follow_ups_measure ON measure_follow_ups (measure_id, follow_up_on);

-- An indicator belongs to a goal or to a measure. A bound one (source = 'situation_picture') reads
-- its quarterly values from the situation picture: incidents of `category_id` in `area_ids` (JSON).
CREATE TABLE indicators (
    id          TEXT PRIMARY KEY,
    plan_id     TEXT NOT NULL REFERENCES action_plans(id),
    goal_id     TEXT REFERENCES plan_goals(id),
    measure_id  TEXT REFERENCES measures(id),
    position    INTEGER NOT NULL,
    name        TEXT NOT NULL,
    unit        TEXT NOT NULL,
    baseline    DOUBLE PRECISION,
    target      DOUBLE PRECISION,
    source      TEXT NOT NULL CHECK (source IN ('manual', 'situation_picture')),
    category_id INTEGER REFERENCES incident_categories(id),
    area_ids    TEXT,
    CHECK ((goal_id IS NULL) <> (measure_id IS NULL)),
    CHECK ((source = 'situation_picture') = (category_id IS NOT NULL AND area_ids IS NOT NULL))
);
CREATE INDEX indicators_plan ON indicators (plan_id);

CREATE TABLE indicator_values (
    indicator_id    TEXT NOT NULL REFERENCES indicators(id),
    period          TEXT NOT NULL,
    value           DOUBLE PRECISION NOT NULL,
    source          TEXT NOT NULL CHECK (source IN ('manual', 'import')),
    recorded_by     TEXT REFERENCES users(id),
    recorded_at     {{timestamptz}} NOT NULL,
    PRIMARY KEY (indicator_id, period)
);

CREATE TABLE plan_comments (
    id          TEXT PRIMARY KEY,
    plan_id     TEXT NOT NULL REFERENCES action_plans(id),
    measure_id  TEXT REFERENCES measures(id),
    author_id   TEXT NOT NULL REFERENCES users(id),
    body        TEXT NOT NULL,
    created_at  {{timestamptz}} NOT NULL
);
CREATE INDEX plan_comments_plan ON plan_comments (plan_id, created_at);

-- Citizen promises (medborgarlöften): the police area's and the district's joint promise to the
-- residents, signed by both, with the activities behind it and its follow-up.
CREATE TABLE citizen_promises (
    id              TEXT PRIMARY KEY,
    title           TEXT NOT NULL,
    description     TEXT NOT NULL,
    district_id     TEXT REFERENCES areas(id),
    police_area_id  TEXT REFERENCES areas(id),
    period_start    {{date}} NOT NULL,
    period_end      {{date}} NOT NULL,
    city_signatory  TEXT NOT NULL,
    city_title      TEXT NOT NULL,
    city_signed_on  {{date}},
    police_signatory TEXT NOT NULL,
    police_title    TEXT NOT NULL,
    police_signed_on {{date}},
    is_public       INTEGER NOT NULL DEFAULT 0,
    created_at      {{timestamptz}} NOT NULL,
    updated_at      {{timestamptz}} NOT NULL,
    CHECK (district_id IS NOT NULL OR police_area_id IS NOT NULL),
    CHECK (period_start <= period_end)
);

CREATE TABLE promise_activities (
    id              TEXT PRIMARY KEY,
    promise_id      TEXT NOT NULL REFERENCES citizen_promises(id),
    position        INTEGER NOT NULL,
    title           TEXT NOT NULL,
    responsible     TEXT NOT NULL,
    due_date        {{date}},
    status          TEXT NOT NULL CHECK (status IN ('planned', 'ongoing', 'done', 'paused', 'cancelled'))
);

CREATE TABLE promise_follow_ups (
    id              TEXT PRIMARY KEY,
    promise_id      TEXT NOT NULL REFERENCES citizen_promises(id),
    follow_up_on    {{date}} NOT NULL,
    note            TEXT NOT NULL,
    progress        INTEGER NOT NULL CHECK (progress BETWEEN 0 AND 100),
    recorded_by     TEXT REFERENCES users(id),
    recorded_at     {{timestamptz}} NOT NULL
);
