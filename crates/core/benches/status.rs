//! The status: what the engine rebuilds and publishes after every turn (each command, each
//! batch of messages). Focus time booked for you adds today's plan to it; this measures what
//! that costs beside the status without it and a bare rusqlite read measured in the same run.
//!
//!   cargo bench -p lull-core --bench status

use std::hint::black_box;
use std::sync::Arc;

use chrono::{TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;
use criterion::{Criterion, criterion_group, criterion_main};
use lull_core::calendar::proposals::FocusTime;
use lull_core::{Lull, ManualClock, NewMessage, Settings, Source};
use rusqlite::Connection;

/// Wednesday 10:00 in Berlin, in the default work hours, with 200 messages and, when
/// `daily_minutes` is not 0, a goal with one proposal accepted and one skipped.
fn open_lull(dir: &tempfile::TempDir, daily_minutes: u32) -> Lull {
    let start = Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).single().expect("valid");
    let clock = ManualClock::new(start, Tz::Europe__Berlin);
    let mut lull = Lull::open(&dir.path().join("lull.sqlite3"), Arc::new(clock)).expect("opens").0;
    lull.finish_first_run().expect("first run");
    let focus_time = FocusTime { daily_minutes, block_minutes: 50, ics_file: false };
    lull.update_settings(Settings { focus_time, ..Settings::default() }).expect("settings");
    for i in 0..200 {
        lull.receive(NewMessage::new(Source::Api, format!("message {i}"))).expect("received");
    }
    if daily_minutes > 0 {
        let proposals = lull.focus_proposals().expect("proposals");
        assert!(proposals.len() >= 2, "a goal of {daily_minutes} min makes two proposals: {proposals:?}");
        lull.accept_proposal(proposals[0].start).expect("accepted");
        lull.skip_proposal(proposals[1].start).expect("skipped");
    }
    lull
}

fn status(c: &mut Criterion) {
    let mut group = c.benchmark_group("status");
    group.measurement_time(std::time::Duration::from_secs(5));

    let off_dir = tempfile::tempdir().expect("temp dir");
    let off = open_lull(&off_dir, 0);
    group.bench_function("Lull::status, focus time off", |b| {
        b.iter(|| black_box(off.status().expect("status")))
    });

    let on_dir = tempfile::tempdir().expect("temp dir");
    let on = open_lull(&on_dir, 240);
    assert!(!on.status().expect("status").proposals.is_empty(), "the plan is in the status");
    group.bench_function("Lull::status, focus time on (4 h goal, one accepted, one skipped)", |b| {
        b.iter(|| black_box(on.status().expect("status")))
    });

    // The baseline: one indexed read on a bare database of the same size.
    let bare_dir = tempfile::tempdir().expect("temp dir");
    let bare = Connection::open(bare_dir.path().join("bare.sqlite3")).expect("opens");
    bare.execute_batch(
        "PRAGMA journal_mode = WAL; CREATE TABLE m (id INTEGER PRIMARY KEY, state TEXT, at INTEGER);
         CREATE INDEX m_state ON m (state, at);",
    )
    .expect("schema");
    for i in 0..200 {
        bare.execute("INSERT INTO m (state, at) VALUES ('delivered', ?1)", [i]).expect("insert");
    }
    let day = TimeDelta::days(1).num_seconds();
    group.bench_function("bare rusqlite: one indexed count", |b| {
        b.iter(|| {
            let n: i64 = bare
                .prepare_cached("SELECT count(*) FROM m WHERE state = 'delivered' AND at < ?1")
                .expect("prepare")
                .query_row([day], |row| row.get(0))
                .expect("count");
            black_box(n)
        })
    });
    group.finish();
}

criterion_group!(benches, status);
criterion_main!(benches);
