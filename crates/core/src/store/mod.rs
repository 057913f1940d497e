//! The SQLite store: one file, one writer (the engine), WAL.
//!
//! Opening never damages what is there: a file that is not a Lull database (not SQLite, or another
//! program's SQLite database), is damaged (`PRAGMA quick_check` runs at every open), or was
//! written by a newer Lull is refused with a clear error before anything is written to it.

pub(crate) mod calendars;
pub(crate) mod digests;
pub(crate) mod messages;
mod migrations;
pub(crate) mod proposals;
pub(crate) mod review;
pub(crate) mod state;
pub(crate) mod tokens;

use std::collections::HashSet;
use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags, OptionalExtension, Row, TransactionBehavior, params};

use migrations::MIGRATIONS;
pub use migrations::SCHEMA_VERSION;

use crate::block::{BlockId, FocusBlock, Outcome};
use crate::error::{Error, ErrorCode, Result};

#[derive(Debug)]
pub struct Store {
    conn: Connection,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Self> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(path, flags)?;
        conn.busy_timeout(Duration::from_secs(5))?;
        // Until the file is known to be ours and sound, closing must not write to it either
        // (the last connection to a WAL database checkpoints it on close).
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)?;
        check_before_writing(&conn, path)?;
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, false)?;

        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;

        let mut store = Self { conn };
        store.migrate_to(SCHEMA_VERSION)?;
        Ok(store)
    }

    /// Runs the migrations after the current version up to and including `target`.
    /// Public for the tests that build databases of every earlier version.
    #[doc(hidden)]
    pub fn migrate_to(&mut self, target: i64) -> Result<()> {
        let current: i64 = self.conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
        for (index, sql) in MIGRATIONS.iter().enumerate().take(target as usize).skip(current as usize) {
            let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", index as i64 + 1)?;
            tx.commit()?;
        }
        Ok(())
    }

    /// Opens a database at exactly schema version `version` (0 = empty), for migration tests.
    #[doc(hidden)]
    pub fn create_at_version(path: &Path, version: i64) -> Result<()> {
        let conn = Connection::open(path)?;
        let mut store = Self { conn };
        store.migrate_to(version)
    }

    /// Caps the database at `max_bytes` (rounded down to whole pages). Past it, writes fail as on
    /// a full disk (`disk_full`) and change nothing; for servers that must not fill a disk, and
    /// for testing that path.
    pub fn limit_size(&mut self, max_bytes: u64) -> Result<()> {
        let page_size: i64 = self.conn.query_row("PRAGMA page_size", [], |r| r.get(0))?;
        let pages = (max_bytes / page_size.max(1) as u64).max(1);
        self.conn.query_row(&format!("PRAGMA max_page_count = {pages}"), [], |_| Ok(()))?;
        Ok(())
    }

    /// Makes every later write fail with SQLite's read-only error, as on a read-only file
    /// system (`PRAGMA query_only`), or lifts that; for fault tests.
    pub fn refuse_writes(&mut self, refuse: bool) -> Result<()> {
        self.conn.pragma_update(None, "query_only", refuse)?;
        Ok(())
    }

    pub fn schema_version(&self) -> Result<i64> {
        Ok(self.conn.query_row("PRAGMA user_version", [], |row| row.get(0))?)
    }

    /// The connection, for reads.
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in a `BEGIN IMMEDIATE` transaction: all of it is stored, or none.
    pub(crate) fn write<T>(&mut self, f: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    pub fn running_block(&self) -> Result<Option<FocusBlock>> {
        let sql = format!("SELECT {BLOCK_COLUMNS} FROM focus_blocks WHERE ended_at IS NULL");
        Ok(self.conn.prepare_cached(&sql)?.query_row([], block_from_row).optional()?)
    }

    pub fn block(&self, id: BlockId) -> Result<Option<FocusBlock>> {
        let sql = format!("SELECT {BLOCK_COLUMNS} FROM focus_blocks WHERE id = ?1");
        Ok(self.conn.prepare_cached(&sql)?.query_row([id], block_from_row).optional()?)
    }

    /// Blocks that started in `[from, to)`, newest first.
    pub fn blocks_started_between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<FocusBlock>> {
        let sql = format!(
            "SELECT {BLOCK_COLUMNS} FROM focus_blocks
             WHERE started_at >= ?1 AND started_at < ?2 ORDER BY started_at DESC, id DESC"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![millis(from), millis(to)], block_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn insert_block(
        &mut self,
        started_at: DateTime<Utc>,
        planned_secs: i64,
        intent: Option<&str>,
    ) -> Result<FocusBlock> {
        self.insert_scheduled_block(started_at, planned_secs, intent, None)
    }

    /// Inserts a block; `occurrence` ties it to one occurrence of a scheduled block, which then
    /// never starts again that day.
    pub(crate) fn insert_scheduled_block(
        &mut self,
        started_at: DateTime<Utc>,
        planned_secs: i64,
        intent: Option<&str>,
        occurrence: Option<(u32, NaiveDate)>,
    ) -> Result<FocusBlock> {
        let deadline = started_at + chrono::TimeDelta::seconds(planned_secs);
        let (schedule_id, date) = occurrence.map(|(id, date)| (id, date.to_string())).unzip();
        let id = self.write(|tx| {
            tx.execute(
                "INSERT INTO focus_blocks (started_at, deadline, planned_secs, intent, schedule_id, occurrence)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![millis(started_at), millis(deadline), planned_secs, intent, schedule_id, date],
            )?;
            Ok(tx.last_insert_rowid())
        })?;
        self.expect_block(id)
    }

    /// Inserts a block for the booked focus occurrence `booked` (see `calendar::BookedFocus`),
    /// which then never starts again.
    pub(crate) fn insert_booked_block(
        &mut self,
        started_at: DateTime<Utc>,
        planned_secs: i64,
        intent: Option<&str>,
        booked: &str,
    ) -> Result<FocusBlock> {
        let deadline = started_at + chrono::TimeDelta::seconds(planned_secs);
        let id = self.write(|tx| {
            tx.execute(
                "INSERT INTO focus_blocks (started_at, deadline, planned_secs, intent, booked)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![millis(started_at), millis(deadline), planned_secs, intent, booked],
            )?;
            Ok(tx.last_insert_rowid())
        })?;
        self.expect_block(id)
    }

    pub(crate) fn skip_occurrence(&mut self, schedule_id: u32, date: NaiveDate) -> Result<()> {
        self.write(|tx| insert_skip(tx, schedule_id, date))
    }

    /// The occurrences (schedule id, local date) from `since` on that already ran (a block was
    /// started for them) or were skipped: neither starts again.
    pub(crate) fn taken_occurrences(&self, since: NaiveDate) -> Result<HashSet<(u32, NaiveDate)>> {
        let mut taken = HashSet::new();
        for sql in [
            "SELECT schedule_id, occurrence FROM focus_blocks WHERE schedule_id IS NOT NULL AND occurrence >= ?1",
            "SELECT schedule_id, occurrence FROM schedule_skips WHERE occurrence >= ?1",
        ] {
            let mut stmt = self.conn.prepare_cached(sql)?;
            let rows =
                stmt.query_map([since.to_string()], |r| Ok((r.get::<_, u32>(0)?, r.get::<_, String>(1)?)))?;
            for row in rows {
                let (id, date) = row?;
                // Dates are written by `insert_skip` and `insert_scheduled_block` as YYYY-MM-DD;
                // one that does not parse cannot match an occurrence anyway.
                if let Ok(date) = date.parse::<NaiveDate>() {
                    taken.insert((id, date));
                }
            }
        }
        Ok(taken)
    }

    pub fn extend_block(&mut self, id: BlockId, by_secs: i64) -> Result<FocusBlock> {
        self.write(|tx| {
            tx.execute(
                "UPDATE focus_blocks SET deadline = deadline + ?2 * 1000, planned_secs = planned_secs + ?2
                 WHERE id = ?1 AND ended_at IS NULL",
                params![id, by_secs],
            )?;
            Ok(())
        })?;
        self.expect_block(id)
    }

    /// Adds `secs` to a running block's time away; `pause` moves its end by as long too.
    pub fn add_block_away(&mut self, id: BlockId, secs: i64, pause: bool) -> Result<FocusBlock> {
        self.write(|tx| {
            tx.execute(
                "UPDATE focus_blocks SET away_secs = away_secs + ?2,
                     deadline = deadline + CASE WHEN ?3 THEN ?2 * 1000 ELSE 0 END
                 WHERE id = ?1 AND ended_at IS NULL",
                params![id, secs, pause],
            )?;
            Ok(())
        })?;
        self.expect_block(id)
    }

    /// Ends a block, adding `away_secs` to its time away, and, in the same transaction, marks
    /// the scheduled occurrences `taken` (by schedule id and local date) as skipped, so they do
    /// not start after it.
    pub fn end_block(
        &mut self,
        id: BlockId,
        ended_at: DateTime<Utc>,
        outcome: Outcome,
        away_secs: i64,
        taken: &[(u32, NaiveDate)],
    ) -> Result<FocusBlock> {
        self.write(|tx| {
            tx.execute(
                "UPDATE focus_blocks SET ended_at = ?2, outcome = ?3, away_secs = away_secs + ?4
                 WHERE id = ?1 AND ended_at IS NULL",
                params![id, millis(ended_at), outcome.as_str(), away_secs],
            )?;
            for &(schedule_id, date) in taken {
                insert_skip(tx, schedule_id, date)?;
            }
            Ok(())
        })?;
        self.expect_block(id)
    }

    fn expect_block(&self, id: BlockId) -> Result<FocusBlock> {
        self.block(id)?.ok_or_else(|| {
            Error::new(ErrorCode::Storage, format!("focus block {id} vanished while it was written"))
        })
    }
}

fn insert_skip(conn: &Connection, schedule_id: u32, date: NaiveDate) -> Result<()> {
    conn.execute(
        "INSERT OR IGNORE INTO schedule_skips (schedule_id, occurrence) VALUES (?1, ?2)",
        params![schedule_id, date.to_string()],
    )?;
    Ok(())
}

/// Everything that must hold before Lull writes a byte to the file at `path`: it is Lull's (or
/// empty), not from a newer Lull, and not damaged. Only reads.
fn check_before_writing(conn: &Connection, path: &Path) -> Result<()> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    if version > SCHEMA_VERSION {
        return Err(Error::new(
            ErrorCode::DatabaseTooNew,
            format!(
                "{} was written by a newer Lull (schema {version}, this one knows {SCHEMA_VERSION}); \
                 it was left untouched: update Lull to open it",
                path.display()
            ),
        ));
    }
    // Reading the schema forces SQLite to parse the header and the first page.
    let objects: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |row| row.get(0))?;
    // Lull bumps user_version in the same transaction as its first tables, so version 0 with
    // tables is some other program's database (a path typed wrong, a file restored to the
    // wrong place): migrating it would write Lull's tables into someone else's data.
    if version == 0 && objects > 0 {
        return Err(Error::new(
            ErrorCode::NotALullDatabase,
            format!(
                "{} is an SQLite database, but not Lull's (it has {objects} tables or indexes of its own); \
                 it was left untouched: point Lull at its own database or move this file away",
                path.display()
            ),
        ));
    }
    // A page that is never read at start-up can still be damaged; quick_check reads every page
    // and checks the b-trees and the NOT NULL/CHECK constraints (not whether indexes match
    // their tables). It costs about 2 s per 300,000 messages: see docs/architecture.md.
    let mut stmt = conn.prepare("PRAGMA quick_check(5)")?;
    let problems: Vec<String> =
        stmt.query_map([], |row| row.get::<_, String>(0))?.collect::<rusqlite::Result<_>>()?;
    if problems != ["ok"] {
        return Err(Error::new(
            ErrorCode::DatabaseCorrupt,
            format!(
                "{} is damaged and was left untouched (SQLite's check: {}); restore it from a backup, \
                 or move it away to start afresh",
                path.display(),
                problems.join("; ")
            ),
        ));
    }
    Ok(())
}

const BLOCK_COLUMNS: &str =
    "id, started_at, deadline, planned_secs, intent, ended_at, outcome, schedule_id, away_secs";

fn block_from_row(row: &Row<'_>) -> rusqlite::Result<FocusBlock> {
    let outcome: Option<String> = row.get(6)?;
    Ok(FocusBlock {
        id: row.get(0)?,
        started_at: from_millis(row.get(1)?),
        deadline: from_millis(row.get(2)?),
        planned_secs: row.get(3)?,
        intent: row.get(4)?,
        ended_at: row.get::<_, Option<i64>>(5)?.map(from_millis),
        outcome: outcome.as_deref().and_then(Outcome::parse),
        schedule_id: row.get(7)?,
        away_secs: row.get(8)?,
    })
}

pub(crate) fn millis(t: DateTime<Utc>) -> i64 {
    t.timestamp_millis()
}

pub(crate) fn from_millis(ms: i64) -> DateTime<Utc> {
    // Only values this module wrote are read back; out-of-range ones clamp rather than panic.
    Utc.timestamp_millis_opt(ms).single().unwrap_or(DateTime::<Utc>::MIN_UTC)
}
