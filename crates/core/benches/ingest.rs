//! Ingest: Lull's decide-and-store of one message, and of batches (group commit), beside bare
//! rusqlite inserts measured in the same run. The ratio is the figure that matters.
//!
//!   cargo bench -p lull-core --bench ingest

use std::hint::black_box;
use std::sync::Arc;

use chrono::{TimeZone, Utc};
use chrono_tz::Tz;
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use lull_core::{Lull, ManualClock, NewMessage, Source};
use rusqlite::{Connection, params};

fn message(i: u64) -> NewMessage {
    NewMessage {
        sender: Some(format!("sender {}", i % 17)),
        title: Some(format!("build {i} finished")),
        tags: vec!["ci".into()],
        ..NewMessage::new(Source::Api, format!("pipeline {i} on main passed all 214 checks in 3m 12s"))
    }
}

fn open_lull(dir: &tempfile::TempDir) -> Lull {
    // Wednesday 10:00 in Berlin: Open, so every message is delivered at once.
    let start = Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).single().expect("valid");
    let clock = ManualClock::new(start, Tz::Europe__Berlin);
    Lull::open(&dir.path().join("lull.sqlite3"), Arc::new(clock)).expect("opens").0
}

/// The baseline: the same pragmas, a table with the same columns, no indexes, no policy.
fn open_bare(dir: &tempfile::TempDir) -> Connection {
    let conn = Connection::open(dir.path().join("bare.sqlite3")).expect("opens");
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;
         CREATE TABLE messages (id INTEGER PRIMARY KEY, source TEXT, sender TEXT, title TEXT, body TEXT,
             priority INTEGER, tags TEXT, received_at INTEGER, state TEXT, decision TEXT);",
    )
    .expect("schema");
    conn
}

fn bare_insert(conn: &Connection, m: &NewMessage, i: u64) {
    conn.prepare_cached(
        "INSERT INTO messages (source, sender, title, body, priority, tags, received_at, state, decision)
         VALUES ('api', ?1, ?2, ?3, 3, '[\"ci\"]', ?4, 'delivered', 'delivered')",
    )
    .expect("prepare")
    .execute(params![m.sender, m.title, m.body, i as i64])
    .expect("insert");
}

fn one_per_commit(c: &mut Criterion) {
    let mut group = c.benchmark_group("ingest/one message per commit");
    group.throughput(Throughput::Elements(1));

    let dir = tempfile::tempdir().expect("temp dir");
    let mut lull = open_lull(&dir);
    let mut i = 0u64;
    group.bench_function("lull receive (validate, decide, insert + FTS, commit)", |b| {
        b.iter_batched(
            || {
                i += 1;
                message(i)
            },
            |m| black_box(lull.receive(m).expect("received")),
            BatchSize::SmallInput,
        )
    });

    let conn = open_bare(&dir);
    let mut i = 0u64;
    group.bench_function("bare rusqlite insert (one transaction each)", |b| {
        b.iter_batched(
            || {
                i += 1;
                (i, message(i))
            },
            |(k, m)| {
                let tx = conn.unchecked_transaction().expect("begin");
                bare_insert(&tx, &m, k);
                tx.commit().expect("commit");
            },
            BatchSize::SmallInput,
        )
    });
    group.finish();
}

fn batches(c: &mut Criterion) {
    const BATCH: u64 = 100;
    let mut group = c.benchmark_group("ingest/batches of 100 per commit");
    group.throughput(Throughput::Elements(BATCH));

    let dir = tempfile::tempdir().expect("temp dir");
    let mut lull = open_lull(&dir);
    let mut i = 0u64;
    group.bench_function("lull receive_batch (group commit)", |b| {
        b.iter_batched(
            || {
                i += BATCH;
                (i..i + BATCH).map(message).collect::<Vec<_>>()
            },
            |batch| black_box(lull.receive_batch(batch)),
            BatchSize::SmallInput,
        )
    });

    // The same raw inserts into Lull's own schema (its indexes and the FTS5 triggers): the
    // difference to the bare table is the schema's cost, the rest is Lull's code.
    let schema = rusqlite::Connection::open(dir.path().join("lull.sqlite3")).expect("open");
    let mut i = 1u64 << 40;
    group.bench_function("raw inserts into Lull's schema (one transaction)", |b| {
        b.iter_batched(
            || {
                i += BATCH;
                (i..i + BATCH).map(message).collect::<Vec<_>>()
            },
            |batch| {
                let tx = schema.unchecked_transaction().expect("begin");
                for (k, m) in batch.iter().enumerate() {
                    tx.prepare_cached(
                        "INSERT INTO messages (source, sender, title, body, priority, tags, received_at, state, decision)
                         VALUES ('api', ?1, ?2, ?3, 3, '[\"ci\"]', ?4, 'delivered', 'delivered')",
                    )
                    .expect("prepare")
                    .execute(params![m.sender, m.title, m.body, k as i64])
                    .expect("insert");
                }
                tx.commit().expect("commit");
            },
            BatchSize::SmallInput,
        )
    });

    let conn = open_bare(&dir);
    let mut i = 0u64;
    group.bench_function("bare rusqlite inserts (one transaction)", |b| {
        b.iter_batched(
            || {
                i += BATCH;
                (i..i + BATCH).map(message).collect::<Vec<_>>()
            },
            |batch| {
                let tx = conn.unchecked_transaction().expect("begin");
                for (k, m) in batch.iter().enumerate() {
                    bare_insert(&tx, m, k as u64);
                }
                tx.commit().expect("commit");
            },
            BatchSize::SmallInput,
        )
    });
    group.finish();
}

criterion_group!(benches, one_per_commit, batches);
criterion_main!(benches);
