//! Hooks follow the engine from its first word: what it says at start runs its hooks too.

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use chrono_tz::Tz;
use lull_core::{Engine, Lull, ManualClock};
use lull_hooks::testing::{hook_lines, hook_settings};

#[tokio::test]
async fn a_block_that_ended_while_lull_was_down_runs_its_focus_end_hook_at_start() {
    let dir = tempfile::tempdir().expect("temp dir");
    let log = dir.path().join("hooks.log");
    let db = dir.path().join("lull.sqlite3");
    let clock =
        ManualClock::new(Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).single().expect("valid"), Tz::UTC);
    {
        let (mut lull, _) = Lull::open(&db, Arc::new(clock.clone())).expect("opens");
        lull.update_settings(hook_settings(&log)).expect("hooks set");
        lull.start_focus(600, None).expect("a block starts");
    }
    clock.advance(chrono::TimeDelta::hours(1)); // Lull was not running when it ended
    let (lull, pending) = Lull::open(&db, Arc::new(clock)).expect("opens again");
    let (engine, task) = Engine::new(lull, pending).expect("engine");
    lull_hooks::start(&engine);
    tokio::spawn(task);
    let lines = tokio::task::spawn_blocking(move || hook_lines(&log, 1)).await.expect("joined");
    assert_eq!(lines, ["focus_end|completed"], "the end found at start runs its hook");
    drop(engine);
}
