//! The schema, as an append-only list of migrations.
//!
//! Never edit a migration that has shipped: add a new one. `PRAGMA user_version` records how many
//! have run; each runs in its own transaction together with the version bump, so a crash leaves
//! the database at one version or the next, never between.

pub(crate) const MIGRATIONS: &[&str] = &[
    // 1: focus blocks. Times are milliseconds since the Unix epoch, UTC.
    r#"
    CREATE TABLE focus_blocks (
        id            INTEGER PRIMARY KEY,
        started_at    INTEGER NOT NULL,
        deadline      INTEGER NOT NULL,
        planned_secs  INTEGER NOT NULL CHECK (planned_secs > 0),
        intent        TEXT,
        ended_at      INTEGER,
        outcome       TEXT CHECK (outcome IN ('completed', 'cancelled')),
        CHECK ((ended_at IS NULL) = (outcome IS NULL))
    ) STRICT;
    -- At most one block runs at a time, whatever the code above it does.
    CREATE UNIQUE INDEX focus_blocks_one_running ON focus_blocks ((ended_at IS NULL)) WHERE ended_at IS NULL;
    CREATE INDEX focus_blocks_started_at ON focus_blocks (started_at);
    "#,
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;
