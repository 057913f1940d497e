//! The database file: migrations, and files Lull must refuse without touching them.

use std::sync::Arc;

use lull_core::store::{SCHEMA_VERSION, Store};
use lull_core::{ErrorCode, Lull};

use crate::support::Fixture;

#[test]
fn a_database_of_every_earlier_schema_version_opens_and_upgrades() {
    for version in 0..SCHEMA_VERSION {
        let fx = Fixture::new();
        Store::create_at_version(&fx.db(), version).expect("an old database is built");
        let store = Store::open(&fx.db()).unwrap_or_else(|err| panic!("version {version} opens: {err}"));
        assert_eq!(store.schema_version().expect("version"), SCHEMA_VERSION, "upgraded from {version}");
    }
}

#[test]
fn a_block_running_in_an_older_schema_survives_the_upgrade() {
    // Version 1 is the first schema with blocks; every later version must keep them.
    let fx = Fixture::new();
    Store::create_at_version(&fx.db(), 1).expect("a version 1 database");
    let block = {
        let mut store = Store::open(&fx.db()).expect("opens");
        store.insert_block(fx.clock_now(), 600, Some("kept")).expect("insert")
    };
    let (lull, _) = fx.open();
    assert_eq!(lull.running_block().expect("read"), Some(block));
}

#[test]
fn the_database_uses_wal_and_foreign_keys() {
    let fx = Fixture::new();
    let _lull = fx.lull();
    let conn = rusqlite::Connection::open(fx.db()).expect("open");
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).expect("pragma");
    assert_eq!(mode, "wal");
}

#[test]
fn a_database_from_a_newer_lull_is_refused_and_left_untouched() {
    let fx = Fixture::new();
    {
        let conn = rusqlite::Connection::open(fx.db()).expect("open");
        conn.execute_batch("CREATE TABLE future (x); INSERT INTO future VALUES (42);").expect("write");
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1).expect("version");
    }
    let before = std::fs::read(fx.db()).expect("read");
    let err = Lull::open(&fx.db(), Arc::new(fx.clock.clone())).expect_err("refused");
    assert_eq!(err.code, ErrorCode::DatabaseTooNew);
    assert!(err.message.contains("newer Lull"), "says why: {}", err.message);
    assert_eq!(std::fs::read(fx.db()).expect("read"), before, "the file is byte for byte the same");
}

#[test]
fn a_file_that_is_not_a_database_is_refused_and_left_untouched() {
    let fx = Fixture::new();
    let garbage: Vec<u8> = (0..8192u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    std::fs::write(fx.db(), &garbage).expect("write");
    let err = Lull::open(&fx.db(), Arc::new(fx.clock.clone())).expect_err("refused");
    assert_eq!(err.code, ErrorCode::DatabaseCorrupt, "{err}");
    assert_eq!(std::fs::read(fx.db()).expect("read"), garbage, "the file is byte for byte the same");
}

#[test]
fn a_database_with_a_damaged_page_is_refused_with_a_clear_code() {
    let fx = Fixture::new();
    {
        let mut lull = fx.lull();
        lull.start_focus(600, Some("before the damage")).expect("start");
    }
    // Checkpoint the WAL into the main file, then overwrite the pages after the schema (the
    // blocks table and its indexes).
    {
        let conn = rusqlite::Connection::open(fx.db()).expect("open");
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);").expect("checkpoint");
    }
    let mut bytes = std::fs::read(fx.db()).expect("read");
    let page_size = u16::from_be_bytes([bytes[16], bytes[17]]) as usize;
    let end = bytes.len().min(4 * page_size);
    for b in &mut bytes[page_size..end] {
        *b = 0xA5;
    }
    std::fs::write(fx.db(), &bytes).expect("write");
    let err = Lull::open(&fx.db(), Arc::new(fx.clock.clone())).expect_err("a damaged table cannot be read");
    assert_eq!(err.code, ErrorCode::DatabaseCorrupt, "{err}");
    assert_eq!(std::fs::read(fx.db()).expect("read"), bytes, "the damaged file is left as it was");
}

#[test]
fn a_valid_sqlite_file_that_is_not_lulls_is_refused_and_left_untouched() {
    let fx = Fixture::new();
    {
        let conn = rusqlite::Connection::open(fx.db()).expect("open");
        conn.execute_batch(
            "CREATE TABLE contacts (name TEXT, phone TEXT); INSERT INTO contacts VALUES ('Ada', '555-0100');",
        )
        .expect("another program's data");
    }
    let before = std::fs::read(fx.db()).expect("read");
    let err = Lull::open(&fx.db(), Arc::new(fx.clock.clone())).expect_err("refused");
    assert_eq!(err.code, ErrorCode::NotALullDatabase, "{err}");
    assert!(err.message.contains("not Lull's"), "says why: {}", err.message);
    assert_eq!(std::fs::read(fx.db()).expect("read"), before, "the file is byte for byte the same");
    let wal = fx.dir.path().join("lull.sqlite3-wal");
    assert!(!wal.exists(), "no WAL was started on it");
}

#[test]
fn a_database_damaged_where_start_up_never_reads_is_refused_by_the_check_at_open() {
    let fx = Fixture::new();
    {
        let mut lull = fx.lull();
        let filler = "x".repeat(400);
        let batch: Vec<_> = (0..2000)
            .map(|i| {
                lull_core::NewMessage::new(lull_core::Source::Api, format!("lull-needle-{i:04}-{filler}"))
            })
            .collect();
        assert!(lull.receive_batch(batch).iter().all(Result::is_ok), "stored");
    }
    {
        let conn = rusqlite::Connection::open(fx.db()).expect("open");
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);").expect("checkpoint");
    }
    // Damage the page that holds one message's row, in the middle of the file.
    let mut bytes = std::fs::read(fx.db()).expect("read");
    let page_size = u16::from_be_bytes([bytes[16], bytes[17]]) as usize;
    let at = bytes.windows(16).position(|w| w == b"lull-needle-1000").expect("the row is in the file");
    let page = at / page_size;
    assert!(page > 4, "a page far from the schema (page {page})");
    for b in &mut bytes[page * page_size..(page + 1) * page_size] {
        *b = 0xA5;
    }
    std::fs::write(fx.db(), &bytes).expect("write");
    let err = Lull::open(&fx.db(), Arc::new(fx.clock.clone())).expect_err("the damage is found at open");
    assert_eq!(err.code, ErrorCode::DatabaseCorrupt, "{err}");
    assert_eq!(std::fs::read(fx.db()).expect("read"), bytes, "the damaged file is left as it was");
}

#[test]
fn the_counts_kept_by_triggers_match_the_messages() {
    let fx = Fixture::at(crate::support::utc(2026, 11, 25, 21, 0, 0)); // Quiet: messages are held
    let mut lull = fx.lull();
    let ids: Vec<_> = (0..5)
        .map(|i| {
            lull.receive(lull_core::NewMessage::new(lull_core::Source::Api, format!("m{i}")))
                .expect("ok")
                .0
                .id
        })
        .collect();
    lull.done(&ids[..2]).expect("done");
    lull.undone(&ids[..1]).expect("undone");
    let conn = rusqlite::Connection::open(fx.db()).expect("open");
    for state in ["held", "delivered", "released", "snoozed", "done"] {
        let counted: i64 = conn
            .query_row("SELECT n FROM message_counts WHERE state = ?1", [state], |r| r.get(0))
            .expect("count");
        let actual: i64 = conn
            .query_row("SELECT count(*) FROM messages WHERE state = ?1", [state], |r| r.get(0))
            .expect("scan");
        assert_eq!(counted, actual, "{state}");
    }
    assert_eq!(lull.status().expect("status").held, 4, "one is done, four are held");
}
