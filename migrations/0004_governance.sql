-- Governance: groups with members and mandates, meetings with decisions checked against the mandate,
-- escalations, political consultations and the dialogue log with political bodies.

CREATE TABLE groups (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE,
    kind            TEXT NOT NULL CHECK (kind IN ('steering', 'local', 'thematic')),
    district_id     TEXT REFERENCES areas(id),
    parent_group_id TEXT REFERENCES groups(id),
    cadence         TEXT NOT NULL CHECK (cadence IN ('weekly', 'biweekly', 'monthly', 'quarterly', 'tertial', 'yearly')),
    created_at      {{timestamptz}} NOT NULL,
    CHECK ((kind = 'local') = (district_id IS NOT NULL))
);

CREATE TABLE group_members (
    id              TEXT PRIMARY KEY,
    group_id        TEXT NOT NULL REFERENCES groups(id),
    name            TEXT NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations(id),
    role            TEXT NOT NULL CHECK (role IN ('chair', 'secretary', 'member', 'substitute')),
    user_id         TEXT REFERENCES users(id)
);
CREATE INDEX group_members_group ON group_members (group_id);

-- The committees and companies a group represents and reports to.
CREATE TABLE group_committees (
    group_id        TEXT NOT NULL REFERENCES groups(id),
    organisation_id TEXT NOT NULL REFERENCES organisations(id),
    position        INTEGER NOT NULL,
    PRIMARY KEY (group_id, organisation_id)
);

-- Delegation rules (the mandate). NULL limits mean "not limited on that axis"; area_ids is a JSON
-- array of area ids (empty: the group's whole remit).
CREATE TABLE delegation_rules (
    id                      TEXT PRIMARY KEY,
    group_id                TEXT NOT NULL REFERENCES groups(id),
    matter_type             TEXT NOT NULL,
    amount_limit_sek        BIGINT,
    area_ids                TEXT NOT NULL,
    horizon_months          INTEGER,
    requires_consultation   INTEGER NOT NULL DEFAULT 0,
    escalate_to_id          TEXT NOT NULL REFERENCES organisations(id),
    valid_from              {{date}} NOT NULL,
    valid_to                {{date}},
    UNIQUE (group_id, matter_type, valid_from)
);

CREATE TABLE meetings (
    id          TEXT PRIMARY KEY,
    group_id    TEXT NOT NULL REFERENCES groups(id),
    held_on     {{date}} NOT NULL,
    agenda      TEXT NOT NULL,
    minutes     TEXT NOT NULL,
    attendance  TEXT NOT NULL   -- JSON array of group_members ids
);
CREATE INDEX meetings_group ON meetings (group_id, held_on);

CREATE TABLE decisions (
    id                  TEXT PRIMARY KEY,
    meeting_id          TEXT NOT NULL REFERENCES meetings(id),
    group_id            TEXT NOT NULL REFERENCES groups(id),
    title               TEXT NOT NULL,
    matter_type         TEXT NOT NULL,
    amount_sek          BIGINT,
    area_ids            TEXT NOT NULL,
    horizon_months      INTEGER,
    decision_date       {{date}} NOT NULL,
    major               INTEGER NOT NULL DEFAULT 0,
    requires_consultation INTEGER NOT NULL DEFAULT 0,  -- major, or the matching rule asks for it
    status              TEXT NOT NULL CHECK (status IN ('proposed', 'final', 'escalated', 'rejected')),
    within_mandate      INTEGER NOT NULL,
    evaluation          TEXT NOT NULL,  -- JSON: {within, rule_id, reasons[]}
    consultation_override TEXT,         -- the recorded reason, when a consultation rule was overridden
    finalised_at        {{timestamptz}},
    created_at          {{timestamptz}} NOT NULL
);
CREATE INDEX decisions_group ON decisions (group_id, decision_date);
CREATE INDEX decisions_consultation ON decisions (requires_consultation, decision_date);

CREATE TABLE escalations (
    id              TEXT PRIMARY KEY,
    decision_id     TEXT NOT NULL UNIQUE REFERENCES decisions(id),
    to_id           TEXT NOT NULL REFERENCES organisations(id),
    reason          TEXT NOT NULL,
    created_on      {{date}} NOT NULL,
    outcome         TEXT CHECK (outcome IN ('approved', 'rejected', 'amended')),
    outcome_note    TEXT,
    decided_on      {{date}}
);

CREATE TABLE consultations (
    id              TEXT PRIMARY KEY,
    decision_id     TEXT NOT NULL REFERENCES decisions(id),
    body_id         TEXT NOT NULL REFERENCES organisations(id),
    opened_on       {{date}} NOT NULL,
    concluded_on    {{date}},
    outcome         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX consultations_decision ON consultations (decision_id);
CREATE INDEX escalations_open ON escalations (outcome, created_on);

CREATE TABLE dialogue_entries (
    id          TEXT PRIMARY KEY,
    group_id    TEXT NOT NULL REFERENCES groups(id),
    held_on     {{date}} NOT NULL,
    parties     TEXT NOT NULL,
    topic       TEXT NOT NULL,
    follow_ups  TEXT NOT NULL   -- JSON array of strings
);
CREATE INDEX dialogue_group ON dialogue_entries (group_id, held_on);
