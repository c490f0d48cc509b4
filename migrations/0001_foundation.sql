-- Foundation: areas, organisations, accounts, sessions and the audit log.
-- Shared by SQLite and PostgreSQL; {{timestamptz}} and {{date}} are filled in per dialect.
-- Date ranges are half-open: valid_from <= d < valid_to, and valid_to NULL means still valid.

CREATE TABLE areas (
    id          TEXT PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('municipality', 'district', 'neighbourhood', 'police_area')),
    valid_from  {{date}} NOT NULL,
    valid_to    {{date}},
    geometry    TEXT,
    CHECK (valid_to IS NULL OR valid_from < valid_to)
);

-- Date-valid parent links: neighbourhood -> district, neighbourhood -> police area, district -> municipality.
CREATE TABLE area_links (
    child_id    TEXT NOT NULL REFERENCES areas(id),
    parent_id   TEXT NOT NULL REFERENCES areas(id),
    relation    TEXT NOT NULL CHECK (relation IN ('district', 'police_area', 'municipality')),
    valid_from  {{date}} NOT NULL,
    valid_to    {{date}},
    PRIMARY KEY (child_id, relation, valid_from)
);
CREATE INDEX area_links_parent ON area_links (parent_id);

CREATE TABLE organisations (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('police_region', 'local_police_area', 'city_executive_office',
                    'district_committee', 'specialist_committee', 'municipal_company', 'external_actor')),
    parent_id   TEXT REFERENCES organisations(id),
    area_id     TEXT REFERENCES areas(id),
    created_at  {{timestamptz}} NOT NULL,
    UNIQUE (name, kind)
);
CREATE INDEX organisations_parent ON organisations (parent_id);

CREATE TABLE users (
    id                  TEXT PRIMARY KEY,
    username            TEXT NOT NULL UNIQUE,
    display_name        TEXT NOT NULL,
    password_hash       TEXT NOT NULL,
    disabled            INTEGER NOT NULL DEFAULT 0,
    failed_logins       INTEGER NOT NULL DEFAULT 0,
    locked_until        {{timestamptz}},
    created_at          {{timestamptz}} NOT NULL,
    password_changed_at {{timestamptz}} NOT NULL
);

CREATE TABLE memberships (
    user_id         TEXT NOT NULL REFERENCES users(id),
    organisation_id TEXT NOT NULL REFERENCES organisations(id),
    PRIMARY KEY (user_id, organisation_id)
);

-- A role, scoped to an organisation and/or an area (NULL = not narrowed on that axis).
CREATE TABLE grants (
    id              TEXT PRIMARY KEY,
    user_id         TEXT NOT NULL REFERENCES users(id),
    role            TEXT NOT NULL CHECK (role IN ('administrator', 'coordinator', 'group_member',
                        'incident_reporter', 'politician', 'case_worker')),
    organisation_id TEXT REFERENCES organisations(id),
    area_id         TEXT REFERENCES areas(id)
);
CREATE INDEX grants_user ON grants (user_id);

-- Sessions live in the database so that several server instances can share them.
-- Only a hash of the token is stored: a copy of the database does not yield live sessions.
CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users(id),
    csrf_token   TEXT NOT NULL,
    created_at   {{timestamptz}} NOT NULL,
    expires_at   {{timestamptz}} NOT NULL,
    last_seen_at {{timestamptz}} NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- The hash chain's head: updating it takes a row lock, which orders concurrent appends.
CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE audit_log (
    seq         BIGINT PRIMARY KEY,
    at          TEXT NOT NULL,
    actor_id    TEXT,
    actor_name  TEXT NOT NULL,
    request_id  TEXT NOT NULL,
    action      TEXT NOT NULL,
    object_type TEXT NOT NULL,
    object_id   TEXT,
    outcome     TEXT NOT NULL,
    detail      TEXT NOT NULL,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE INDEX audit_log_object ON audit_log (object_type, object_id);
