use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::Tz;
use lull_core::{Change, Digest, Lull, ManualClock, NewMessage, Source};

/// A Lull on a fresh database file, with a clock that only moves when the test says so.
pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub clock: ManualClock,
}

impl Fixture {
    pub fn new() -> Self {
        Self::at(utc(2026, 11, 25, 9, 0, 0))
    }

    pub fn at(start: DateTime<Utc>) -> Self {
        let dir = tempfile::tempdir().expect("a temporary directory");
        Self { dir, clock: ManualClock::new(start, Tz::Europe__Berlin) }
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("lull.sqlite3")
    }

    /// Opens (or reopens, as after a restart) the database with this fixture's clock.
    pub fn open(&self) -> (Lull, Vec<Change>) {
        Lull::open(&self.db(), Arc::new(self.clock.clone())).expect("the database opens")
    }

    pub fn lull(&self) -> Lull {
        self.open().0
    }

    pub fn clock_now(&self) -> DateTime<Utc> {
        lull_core::Clock::now(&self.clock)
    }
}

pub fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, s).single().expect("a valid UTC time")
}

pub fn secs(n: i64) -> chrono::TimeDelta {
    chrono::TimeDelta::seconds(n)
}

pub fn mins(n: i64) -> chrono::TimeDelta {
    chrono::TimeDelta::minutes(n)
}

/// Only the changes about focus blocks (started, extended, ended), in order.
pub fn block_changes(changes: Vec<Change>) -> Vec<Change> {
    changes
        .into_iter()
        .filter(|c| matches!(c, Change::Started { .. } | Change::Extended { .. } | Change::Ended { .. }))
        .collect()
}

/// A message from `sender` through the API.
pub fn from(sender: &str, body: &str) -> NewMessage {
    NewMessage { sender: Some(sender.into()), ..NewMessage::new(Source::Api, body) }
}

/// The digests among `changes`, in order.
pub fn digests(changes: &[Change]) -> Vec<Digest> {
    changes
        .iter()
        .filter_map(|c| if let Change::Digest { digest } = c { Some(digest.clone()) } else { None })
        .collect()
}

/// Ticks, insisting that every step succeeded.
pub fn tick(lull: &mut Lull) -> Vec<Change> {
    lull.tick().into_result().expect("tick")
}
