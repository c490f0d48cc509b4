-- The joint situation picture (EST): the category taxonomy, the place registry, incident reports,
-- imports, reporting duties, the groups' weekly notes and safety-survey indicators.

-- Categories have a small integer id because the in-memory aggregation index stores them in one byte.
-- A retired category keeps its incidents and its history; it is only closed to new reports.
CREATE TABLE incident_categories (
    id          INTEGER PRIMARY KEY CHECK (id BETWEEN 1 AND 250),
    code        TEXT NOT NULL UNIQUE,
    name_sv     TEXT NOT NULL UNIQUE,
    name_en     TEXT NOT NULL,
    position    INTEGER NOT NULL,
    retired_at  {{timestamptz}}
);

-- Named places reporters pick instead of a map click: squares, stations, schools, parks.
CREATE TABLE places (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL CHECK (kind IN ('square', 'station', 'school', 'park', 'centre', 'other')),
    lat         DOUBLE PRECISION NOT NULL,
    lon         DOUBLE PRECISION NOT NULL,
    created_at  {{timestamptz}} NOT NULL
);

-- Police event types (the public events feed) mapped to our categories; editable by coordinators.
CREATE TABLE police_type_mappings (
    police_type TEXT PRIMARY KEY,
    category_id INTEGER NOT NULL REFERENCES incident_categories(id)
);

CREATE TABLE incident_imports (
    id          TEXT PRIMARY KEY,
    format      TEXT NOT NULL CHECK (format IN ('polisen', 'csv', 'ndjson', 'form')),
    file_name   TEXT NOT NULL,
    actor_id    TEXT REFERENCES users(id),
    actor_name  TEXT NOT NULL,
    started_at  {{timestamptz}} NOT NULL,
    finished_at {{timestamptz}},
    status      TEXT NOT NULL CHECK (status IN ('running', 'done', 'refused', 'failed')),
    total       INTEGER NOT NULL DEFAULT 0,
    accepted    INTEGER NOT NULL DEFAULT 0,
    duplicates  INTEGER NOT NULL DEFAULT 0,
    rejected    INTEGER NOT NULL DEFAULT 0,
    summary     TEXT NOT NULL DEFAULT '{}'
);

-- Incident reports. `dedup_key` (64 bits of a SHA-256 over the source's own id, or over the report's
-- content when the source has none) makes every import idempotent. `occurred_on` is the local
-- (Europe/Stockholm) date the incident occurred, stored so that SQL and the index agree on weeks.
-- Areas are assigned by the platform: `area_id` is the most precise area known (a neighbourhood, or
-- the municipality for a police event placed only at municipality level); district and police area
-- follow the layout valid on the day the incident occurred.
CREATE TABLE incidents (
    id              {{bigserial_pk}},
    dedup_key       BIGINT NOT NULL UNIQUE,
    occurred_at     {{timestamptz}} NOT NULL,
    occurred_on     {{date}} NOT NULL,
    reported_at     {{timestamptz}} NOT NULL,
    category_id     INTEGER NOT NULL REFERENCES incident_categories(id),
    lat             DOUBLE PRECISION,
    lon             DOUBLE PRECISION,
    place_id        TEXT REFERENCES places(id),
    area_id         TEXT NOT NULL REFERENCES areas(id),
    area_basis      TEXT NOT NULL CHECK (area_basis IN ('point', 'place', 'text', 'municipality')),
    district_id     TEXT REFERENCES areas(id),
    police_area_id  TEXT REFERENCES areas(id),
    source_org_id   TEXT NOT NULL REFERENCES organisations(id),
    severity        INTEGER CHECK (severity BETWEEN 1 AND 3),
    text            TEXT NOT NULL DEFAULT '',
    external_id     TEXT,
    reporter_id     TEXT REFERENCES users(id),
    import_id       TEXT REFERENCES incident_imports(id)
);
-- Listing the reports of an area and period (the picture itself never reads this table).
CREATE INDEX incidents_area_day ON incidents (area_id, occurred_on);
CREATE INDEX incidents_reporter ON incidents (reporter_id, reported_at);

-- Weekly reporting duty: a reporter reports for an area every ISO week.
CREATE TABLE reporting_duties (
    user_id     TEXT NOT NULL REFERENCES users(id),
    area_id     TEXT NOT NULL REFERENCES areas(id),
    created_at  {{timestamptz}} NOT NULL,
    PRIMARY KEY (user_id, area_id)
);

-- "Nothing to report this week" also fulfils the duty.
CREATE TABLE nil_returns (
    user_id     TEXT NOT NULL REFERENCES users(id),
    iso_week    TEXT NOT NULL,
    created_at  {{timestamptz}} NOT NULL,
    PRIMARY KEY (user_id, iso_week)
);

-- The local group's analysis and focus places for the coming week, saved with the period.
CREATE TABLE situation_notes (
    area_id     TEXT NOT NULL REFERENCES areas(id),
    period      TEXT NOT NULL,
    analysis    TEXT NOT NULL,
    focus       TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    updated_at  {{timestamptz}} NOT NULL,
    PRIMARY KEY (area_id, period)
);

-- Safety-survey indicators (trygghetsmätning) per area and year.
CREATE TABLE safety_indicators (
    area_id     TEXT NOT NULL REFERENCES areas(id),
    year        INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    indicator   TEXT NOT NULL,
    value       DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (area_id, year, indicator)
);
