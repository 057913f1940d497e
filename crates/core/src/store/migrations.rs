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
    // 2: the inbox, digests, settings and engine state; scheduled blocks.
    r#"
    CREATE TABLE digests (
        id            INTEGER PRIMARY KEY,
        created_at    INTEGER NOT NULL,
        reason        TEXT NOT NULL,
        count         INTEGER NOT NULL,
        summary       TEXT NOT NULL,   -- JSON: the Digest as published
        announced_at  INTEGER
    ) STRICT;
    CREATE INDEX digests_unannounced ON digests (id) WHERE announced_at IS NULL;

    CREATE TABLE messages (
        id             INTEGER PRIMARY KEY,
        source         TEXT NOT NULL,
        source_detail  TEXT,
        sender         TEXT,
        title          TEXT,
        body           TEXT NOT NULL,
        link           TEXT,
        priority       INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 5),
        tags           TEXT NOT NULL DEFAULT '[]',
        thread         TEXT,
        dedupe_key     TEXT,
        received_at    INTEGER NOT NULL,
        state          TEXT NOT NULL CHECK (state IN ('held', 'delivered', 'released', 'snoozed', 'done')),
        decision       TEXT NOT NULL CHECK (decision IN ('held', 'delivered', 'broke_through')),
        block_id       INTEGER REFERENCES focus_blocks (id),
        delivered_at   INTEGER,
        released_at    INTEGER,
        done_at        INTEGER,
        done_from      TEXT,
        snoozed_until  INTEGER,
        pinned         INTEGER NOT NULL DEFAULT 0,
        pin_due        INTEGER,
        digest_id      INTEGER REFERENCES digests (id)
    ) STRICT;
    CREATE UNIQUE INDEX messages_dedupe ON messages (source, dedupe_key) WHERE dedupe_key IS NOT NULL;
    CREATE INDEX messages_not_done ON messages (received_at DESC, id DESC) WHERE state <> 'done';
    CREATE INDEX messages_held ON messages (id) WHERE state = 'held';
    CREATE INDEX messages_snoozed ON messages (snoozed_until) WHERE state = 'snoozed';
    CREATE INDEX messages_done ON messages (done_at) WHERE state = 'done';
    CREATE INDEX messages_received ON messages (received_at);
    CREATE INDEX messages_block ON messages (block_id) WHERE block_id IS NOT NULL;

    -- Full-text search over sender, title and body, kept in step by triggers.
    CREATE VIRTUAL TABLE messages_fts USING fts5 (
        sender, title, body, content = 'messages', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
        INSERT INTO messages_fts (rowid, sender, title, body) VALUES (new.id, new.sender, new.title, new.body);
    END;
    CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, sender, title, body)
        VALUES ('delete', old.id, old.sender, old.title, old.body);
    END;
    CREATE TRIGGER messages_fts_update AFTER UPDATE OF sender, title, body ON messages BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, sender, title, body)
        VALUES ('delete', old.id, old.sender, old.title, old.body);
        INSERT INTO messages_fts (rowid, sender, title, body) VALUES (new.id, new.sender, new.title, new.body);
    END;

    CREATE TABLE settings (id INTEGER PRIMARY KEY CHECK (id = 1), json TEXT NOT NULL) STRICT;
    CREATE TABLE engine_state (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

    ALTER TABLE focus_blocks ADD COLUMN schedule_id INTEGER;
    ALTER TABLE focus_blocks ADD COLUMN occurrence TEXT;
    CREATE UNIQUE INDEX focus_blocks_occurrence ON focus_blocks (schedule_id, occurrence) WHERE schedule_id IS NOT NULL;
    CREATE TABLE schedule_skips (
        schedule_id INTEGER NOT NULL,
        occurrence  TEXT NOT NULL,
        PRIMARY KEY (schedule_id, occurrence)
    ) STRICT, WITHOUT ROWID;
    "#,
    // 3: messages counted per state by triggers, so "how many are held" is one row, not a scan
    // of every held message (during a long block or a night they can be many).
    r#"
    CREATE TABLE message_counts (state TEXT PRIMARY KEY, n INTEGER NOT NULL) STRICT, WITHOUT ROWID;
    INSERT INTO message_counts (state, n)
        SELECT s.state, (SELECT count(*) FROM messages WHERE messages.state = s.state)
        FROM (SELECT 'held' AS state UNION ALL SELECT 'delivered' UNION ALL SELECT 'released'
              UNION ALL SELECT 'snoozed' UNION ALL SELECT 'done') AS s;
    CREATE TRIGGER message_counts_insert AFTER INSERT ON messages BEGIN
        UPDATE message_counts SET n = n + 1 WHERE state = new.state;
    END;
    CREATE TRIGGER message_counts_delete AFTER DELETE ON messages BEGIN
        UPDATE message_counts SET n = n - 1 WHERE state = old.state;
    END;
    CREATE TRIGGER message_counts_update AFTER UPDATE OF state ON messages WHEN old.state <> new.state BEGIN
        UPDATE message_counts SET n = n - 1 WHERE state = old.state;
        UPDATE message_counts SET n = n + 1 WHERE state = new.state;
    END;
    "#,
    // 4: where a snoozed message was (so that undoing a snooze puts it back exactly), and the
    // review window's groups (source, sender or app, thread) read from one index.
    r#"
    ALTER TABLE messages ADD COLUMN snoozed_from TEXT
        CHECK (snoozed_from IN ('held', 'delivered', 'released'));
    CREATE INDEX messages_groups ON messages
        (source, coalesce(sender, source_detail, ''), coalesce(thread, ''), received_at DESC, id DESC)
        WHERE state NOT IN ('done', 'snoozed');
    "#,
    // 5: publish tokens (only their SHA-256 is kept; a revoked one stays, for its messages), and
    // which token sent a message (its name, as it was when it sent it).
    r#"
    CREATE TABLE publish_tokens (
        id            INTEGER PRIMARY KEY,
        name          TEXT NOT NULL,
        hash          BLOB NOT NULL UNIQUE CHECK (length(hash) = 32),
        topics        TEXT NOT NULL DEFAULT '[]',
        max_priority  INTEGER CHECK (max_priority BETWEEN 1 AND 5),
        created_at    INTEGER NOT NULL,
        revoked_at    INTEGER
    ) STRICT;
    CREATE UNIQUE INDEX publish_tokens_working_name ON publish_tokens (name) WHERE revoked_at IS NULL;
    ALTER TABLE messages ADD COLUMN via TEXT;
    "#,
    // 6: the views of the inbox. Pinned messages first in their group (the groups' index gains
    // `pinned`), the Pinned view by due date, and the delivered messages that file themselves
    // (`file_delivered_after_hours`) by when they were shown.
    r#"
    DROP INDEX messages_groups;
    CREATE INDEX messages_groups ON messages
        (source, coalesce(sender, source_detail, ''), coalesce(thread, ''), pinned DESC, received_at DESC, id DESC)
        WHERE state NOT IN ('done', 'snoozed');
    CREATE INDEX messages_pinned ON messages (pin_due) WHERE pinned AND state <> 'done';
    CREATE INDEX messages_unpinned_delivered ON messages (delivered_at) WHERE state = 'delivered' AND NOT pinned;
    "#,
    // 7: search as you type. The search box sends the last word as a prefix, and its first
    // requests are one, two or three letters, which without an index merge the doclists of every
    // word they start (tens of ms over a million messages; see docs/performance.md). A prefix
    // index for 1 to 3 characters makes each of them one doclist. The triggers name the table,
    // so they keep working on the new one.
    r#"
    DROP TABLE messages_fts;
    CREATE VIRTUAL TABLE messages_fts USING fts5 (
        sender, title, body, content = 'messages', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3'
    );
    INSERT INTO messages_fts (messages_fts) VALUES ('rebuild');
    "#,
    // 8: why a message broke through (the rule's conditions as they read when it arrived), for
    // the inbox's "what you missed"; and arrivals by decision since an instant.
    r#"
    ALTER TABLE messages ADD COLUMN broke_through_by TEXT;
    CREATE INDEX messages_breakthroughs ON messages (received_at) WHERE decision = 'broke_through';
    "#,
    // 9: a pin's due date comes back as a notification, once (`pin_announced`; pinning anew
    // clears it), read from the pins with a due date still to announce.
    r#"
    ALTER TABLE messages ADD COLUMN pin_announced INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX messages_pins_due ON messages (pin_due)
        WHERE pinned AND pin_due IS NOT NULL AND NOT pin_announced AND state <> 'done';
    "#,
    // 10: the inbox grouped by source, or not grouped (`Settings::inbox_grouping`): a group's
    // page in its order (pinned first, then newest) from an index, as for the sender groups.
    r#"
    CREATE INDEX messages_by_source ON messages (source, pinned DESC, received_at DESC, id DESC)
        WHERE state NOT IN ('done', 'snoozed');
    CREATE INDEX messages_triage ON messages (pinned DESC, received_at DESC, id DESC)
        WHERE state NOT IN ('done', 'snoozed');
    "#,
    // 11: what a released message can open besides its link: the app whose notification it was
    // (its desktop entry, and its icon) and buttons (an ntfy message's view actions, as JSON).
    r#"
    ALTER TABLE messages ADD COLUMN app TEXT;
    ALTER TABLE messages ADD COLUMN icon TEXT;
    ALTER TABLE messages ADD COLUMN actions TEXT;
    "#,
    // 12: the time a block's user was gone (the screen locked, the machine asleep), never
    // counted as focus.
    r#"
    ALTER TABLE focus_blocks ADD COLUMN away_secs INTEGER NOT NULL DEFAULT 0;
    "#,
    // 13: calendars: each one's events as its source last read them (JSON), so a start without
    // the network still knows the day's meetings; and the booked focus occurrence a block was
    // started for, so it runs once.
    r#"
    CREATE TABLE calendar_events (
        calendar TEXT PRIMARY KEY,
        events TEXT NOT NULL,
        read_at INTEGER NOT NULL
    );
    ALTER TABLE focus_blocks ADD COLUMN booked TEXT;
    CREATE UNIQUE INDEX focus_blocks_booked ON focus_blocks (booked) WHERE booked IS NOT NULL;
    "#,
    // 14: focus time booked for you: the proposals the user accepted (a block starts then) or
    // skipped (that time is not proposed again), by the local day they belong to.
    r#"
    CREATE TABLE focus_proposals (
        day       TEXT NOT NULL,
        start_at  INTEGER NOT NULL,
        end_at    INTEGER NOT NULL CHECK (end_at > start_at),
        state     TEXT NOT NULL CHECK (state IN ('accepted', 'skipped')),
        PRIMARY KEY (day, start_at)
    ) STRICT;
    "#,
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;
