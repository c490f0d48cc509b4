-- Reporting back (återrapportering) from groups to the committees they represent, with the
-- committees' feedback (återkoppling) and the follow-up items it asks for.
CREATE TABLE reporting_obligations (
    id              TEXT PRIMARY KEY,
    group_id        TEXT NOT NULL REFERENCES groups(id),
    committee_id    TEXT NOT NULL REFERENCES organisations(id),
    cadence         TEXT NOT NULL CHECK (cadence IN ('monthly', 'quarterly', 'tertial', 'yearly')),
    due_days        INTEGER NOT NULL CHECK (due_days >= 0 AND due_days <= 365),
    starts_on       {{date}} NOT NULL,
    UNIQUE (group_id, committee_id, cadence)
);

CREATE TABLE reports (
    id              TEXT PRIMARY KEY,
    obligation_id   TEXT NOT NULL REFERENCES reporting_obligations(id),
    title           TEXT NOT NULL,
    period_start    {{date}} NOT NULL,
    period_end      {{date}} NOT NULL,
    due_on          {{date}} NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('draft', 'submitted')),
    submitted_on    {{date}},
    sections        TEXT NOT NULL,   -- JSON: [{key, title, body, columns[], rows[[...]]}]
    created_at      {{timestamptz}} NOT NULL,
    updated_at      {{timestamptz}} NOT NULL,
    UNIQUE (obligation_id, period_start)
);

CREATE TABLE report_feedback (
    id              TEXT PRIMARY KEY,
    report_id       TEXT NOT NULL REFERENCES reports(id),
    received_on     {{date}} NOT NULL,
    from_id         TEXT NOT NULL REFERENCES organisations(id),
    summary         TEXT NOT NULL
);

CREATE TABLE follow_up_items (
    id              TEXT PRIMARY KEY,
    feedback_id     TEXT NOT NULL REFERENCES report_feedback(id),
    request         TEXT NOT NULL,
    owner_name      TEXT NOT NULL,
    owner_id        TEXT NOT NULL REFERENCES organisations(id),
    due_on          {{date}} NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('open', 'done')),
    done_on         {{date}},
    note            TEXT NOT NULL DEFAULT ''
);
