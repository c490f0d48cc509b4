-- Cooperation agreements (samverkansöverenskommelser): versioned, citywide or local per district.
CREATE TABLE agreements (
    id                  TEXT PRIMARY KEY,
    title               TEXT NOT NULL,
    scope               TEXT NOT NULL CHECK (scope IN ('citywide', 'local')),
    district_id         TEXT REFERENCES areas(id),
    parent_id           TEXT REFERENCES agreements(id),
    version             INTEGER NOT NULL,
    previous_version_id TEXT REFERENCES agreements(id),
    status              TEXT NOT NULL CHECK (status IN ('draft', 'proposed', 'signed', 'in_force', 'superseded')),
    period_start        {{date}} NOT NULL,
    period_end          {{date}},
    superseded_by       TEXT REFERENCES agreements(id),
    follow_up_plan      TEXT NOT NULL DEFAULT '',
    created_at          {{timestamptz}} NOT NULL,
    updated_at          {{timestamptz}} NOT NULL,
    CHECK ((scope = 'local') = (district_id IS NOT NULL)),
    CHECK (period_end IS NULL OR period_start <= period_end)
);
CREATE INDEX agreements_previous ON agreements (previous_version_id);

CREATE TABLE agreement_signatories (
    agreement_id    TEXT NOT NULL REFERENCES agreements(id),
    position        INTEGER NOT NULL,
    party           TEXT NOT NULL CHECK (party IN ('city', 'police')),
    name            TEXT NOT NULL,
    title           TEXT NOT NULL,
    signed_on       {{date}},
    PRIMARY KEY (agreement_id, position)
);

-- The agreement's content, one row per item: focus areas, prioritised problems, goals (with their
-- indicators) and forms of cooperation (groups). `code` identifies an item across versions, which is
-- what a comparison of two versions matches on; `body` holds the kind's own fields as JSON.
CREATE TABLE agreement_items (
    agreement_id    TEXT NOT NULL REFERENCES agreements(id),
    kind            TEXT NOT NULL CHECK (kind IN ('focus_area', 'problem', 'goal', 'group')),
    code            TEXT NOT NULL,
    position        INTEGER NOT NULL,
    title           TEXT NOT NULL,
    body            TEXT NOT NULL,
    PRIMARY KEY (agreement_id, kind, code)
);
