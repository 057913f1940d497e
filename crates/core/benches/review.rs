//! What the review window asks for when it opens, with 10,000 messages not done: the status, the
//! inbox's groups and the first page of the newest group, as p50/p95 over repeated runs, beside
//! the plain first page of the inbox (one indexed range scan) as the baseline in the same run.
//!
//!   cargo bench -p lull-core --bench review

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;
use lull_core::request::InboxList;
use lull_core::{Lull, ManualClock, NewMessage, Source};

const MESSAGES: u64 = 10_000;
const RUNS: usize = 200;

fn measure(mut f: impl FnMut() -> usize) -> (f64, f64, usize) {
    let mut found = f();
    let mut samples: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            found = f();
            start.elapsed()
        })
        .collect();
    samples.sort();
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize].as_secs_f64() * 1000.0;
    (at(0.50), at(0.95), found)
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let start = Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).single().expect("valid");
    let clock = ManualClock::new(start, Tz::Europe__Berlin);
    let (mut lull, _) = Lull::open(&dir.path().join("lull.sqlite3"), Arc::new(clock.clone())).expect("opens");
    let batch = (0..MESSAGES)
        .map(|i| NewMessage {
            sender: Some(format!("sender{}", i % 40)),
            thread: (i % 3 == 0).then(|| format!("thread{}", i % 7)),
            title: Some(format!("event {i}")),
            ..NewMessage::new(Source::Api, format!("message {i} with a body of some length to preview"))
        })
        .collect();
    for result in lull.receive_batch(batch) {
        result.expect("stored");
    }
    clock.advance(TimeDelta::seconds(1));

    println!("| with {MESSAGES} messages not done | results | p50 (ms) | p95 (ms) |");
    println!("|---|---:|---:|---:|");
    let row =
        |name: &str, (p50, p95, n): (f64, f64, usize)| println!("| {name} | {n} | {p50:.2} | {p95:.2} |");
    row("status (today's figures, mode, held)", measure(|| usize::from(lull.status().is_ok())));
    row(
        "inbox_overview (groups with counts)",
        measure(|| lull.inbox_overview().expect("overview").groups.len()),
    );
    let key = lull.inbox_overview().expect("overview").groups[0].key.clone();
    row(
        "inbox_group: newest group's first 40",
        measure(|| lull.inbox_group(&key, None, Some(40)).expect("page").messages.len()),
    );
    row(
        "baseline: inbox's 40 newest (one range scan)",
        measure(|| {
            lull.inbox(&InboxList { limit: Some(40), ..Default::default() }).expect("page").messages.len()
        }),
    );
}
