//! Queries over a million messages: the first page of the inbox, full-text search for a rare, a
//! medium and a very common word, and every kind of query the search box sends as the user types
//! (the last word is a prefix: one, two, three letters, more, and two words), as p50/p95 over
//! repeated runs. Two baselines in the same run: SQLite's ranked FTS5 query (ORDER BY rank), which
//! Lull avoids because it ranks the whole match set, and the same prefix queries on an FTS5 table
//! without a prefix index (Lull's before schema 7), to show what the index buys.
//!
//!   cargo bench -p lull-core --bench query            (builds the 1M database once, ~3 min)

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;
use lull_core::request::InboxList;
use lull_core::{Lull, ManualClock, NewMessage, Source};

const MESSAGES: u64 = 1_000_000;
const RUNS: usize = 200;

/// A deterministic stream of words: "the" in ~60 % of messages, "deploy" in ~1 %, "zyzzyva" in 10.
fn body(i: u64) -> String {
    let mut x = i.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
    let mut words = Vec::with_capacity(12);
    for _ in 0..10 {
        x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        words.push(format!("w{}", (x >> 33) % 5000));
    }
    if (x >> 20) % 10 < 6 {
        words.push("the".into());
    }
    if i % 100 == 42 {
        words.push("deploy".into());
    }
    if i % (MESSAGES / 10) == 7 {
        words.push("zyzzyva".into());
    }
    words.join(" ")
}

fn database() -> (tempfile::TempDir, PathBuf) {
    // Named for the schema it was built at: a newer schema builds its own.
    let cache = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("lull-bench-1m-v8.sqlite3");
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("lull.sqlite3");
    if !cache.exists() {
        eprintln!("building {} with {MESSAGES} messages (once)…", cache.display());
        let start = Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).single().expect("valid");
        let clock = ManualClock::new(start, Tz::Europe__Berlin);
        let building = cache.with_extension("building");
        let _ = std::fs::remove_file(&building);
        let (mut lull, _) = Lull::open(&building, Arc::new(clock.clone())).expect("opens");
        // Every message here is delivered (Open hours): keep them in the inbox, as a million
        // messages to triage, rather than let the run's later clock file them as seen popups.
        let settings = lull_core::Settings { file_delivered_after_hours: None, ..lull.settings().clone() };
        lull.update_settings(settings).expect("settings");
        for chunk in 0..MESSAGES / 10_000 {
            let batch = (chunk * 10_000..(chunk + 1) * 10_000)
                .map(|i| NewMessage {
                    sender: Some(format!("sender{}", i % 97)),
                    title: Some(format!("event {i}")),
                    ..NewMessage::new(Source::Api, body(i))
                })
                .collect();
            for result in lull.receive_batch(batch) {
                result.expect("stored");
            }
            clock.advance(TimeDelta::seconds(1));
        }
        drop(lull);
        let conn = rusqlite::Connection::open(&building).expect("open");
        conn.execute_batch(
            "CREATE VIRTUAL TABLE bench_fts_no_prefix USING fts5 (
                 sender, title, body, content = 'messages', content_rowid = 'id',
                 tokenize = 'unicode61 remove_diacritics 2');
             INSERT INTO bench_fts_no_prefix (bench_fts_no_prefix) VALUES ('rebuild');
             INSERT INTO bench_fts_no_prefix (bench_fts_no_prefix) VALUES ('optimize');
             PRAGMA wal_checkpoint(TRUNCATE); INSERT INTO messages_fts(messages_fts) VALUES ('optimize');",
        )
        .expect("checkpoint");
        drop(conn);
        std::fs::rename(&building, &cache).expect("rename");
    }
    std::fs::copy(&cache, &db).expect("copy the cached database");
    (dir, db)
}

fn percentiles(mut samples: Vec<Duration>) -> (f64, f64) {
    samples.sort();
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize].as_secs_f64() * 1000.0;
    (at(0.50), at(0.95))
}

fn measure(f: impl FnMut() -> usize) -> (f64, f64, usize) {
    measure_n(RUNS, f)
}

/// Fewer runs, for baselines that take a second each.
fn measure_n(runs: usize, mut f: impl FnMut() -> usize) -> (f64, f64, usize) {
    let mut found = f(); // warm the cache
    let samples = (0..runs)
        .map(|_| {
            let start = Instant::now();
            found = f();
            start.elapsed()
        })
        .collect();
    let (p50, p95) = percentiles(samples);
    (p50, p95, found)
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return; // `cargo bench -- --list` and `cargo test --benches` ask for names only
    }
    let (_dir, db) = database();
    let clock = ManualClock::new(
        Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).single().expect("valid"),
        Tz::Europe__Berlin,
    );
    let (lull, _) = Lull::open(&db, Arc::new(clock)).expect("opens");
    let conn = rusqlite::Connection::open(&db).expect("open");

    println!("| query over {MESSAGES} messages | results | p50 (ms) | p95 (ms) |");
    println!("|---|---:|---:|---:|");
    let row =
        |name: &str, (p50, p95, n): (f64, f64, usize)| println!("| {name} | {n} | {p50:.2} | {p95:.2} |");
    row(
        "inbox: 50 newest not done",
        measure(|| {
            lull.inbox(&InboxList { limit: Some(50), ..Default::default() }).expect("page").messages.len()
        }),
    );
    // What the box sends while "deploy the" and "w1234" are typed, and the worst single letters
    // of this vocabulary ("w" starts every one of its 5,000 words).
    let mut no_prefix = conn
        .prepare(
            "SELECT rowid FROM bench_fts_no_prefix WHERE bench_fts_no_prefix MATCH ?1
             ORDER BY rowid DESC LIMIT 50",
        )
        .expect("prepare");
    for typed in ["d", "de", "dep", "depl", "deploy t", "deploy th", "t", "th", "w", "w1", "w12", "w123"] {
        let fts = lull_core::fts_query(typed).expect("a query");
        row(
            &format!("search as you type {typed:?} (Lull: prefix index)"),
            measure(|| lull.search(typed, None, Some(50)).expect("search").len()),
        );
        row(
            &format!("baseline: no prefix index {typed:?}"),
            measure_n(20, || no_prefix.query_map([&fts], |r| r.get::<_, i64>(0)).expect("query").count()),
        );
    }
    for word in ["zyzzyva", "deploy", "the"] {
        row(
            &format!("search \"{word}\" (Lull: newest 50)"),
            measure(|| lull.search(word, None, Some(50)).expect("search").len()),
        );
        let mut stmt = conn
            .prepare("SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?1 ORDER BY rank LIMIT 50")
            .expect("prepare");
        row(
            &format!("baseline: ranked FTS5 \"{word}\" (ORDER BY rank)"),
            measure(|| stmt.query_map([word], |r| r.get::<_, i64>(0)).expect("query").count()),
        );
    }
}
