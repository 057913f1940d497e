//! `lull proposals` against a real `lull serve`: listed, accepted, moved and skipped. The test
//! owns its hour: the server and the client run in a fixed-offset zone where it is about noon
//! now, with work hours all day, whatever the machine's clock and zone.

use chrono::{DateTime, FixedOffset, Timelike, Utc};
use lull_core::{Clock, SystemClock};
use serde_json::Value;

use crate::support::{Server, data_dir, lull_in, stderr, stdout};

/// Work all day, every day, and a goal of two 50-minute blocks.
const SETTINGS: &str = r#"{"work_hours": {"week": {
    "monday": [{"start": "00:00", "end": "24:00"}], "tuesday": [{"start": "00:00", "end": "24:00"}],
    "wednesday": [{"start": "00:00", "end": "24:00"}], "thursday": [{"start": "00:00", "end": "24:00"}],
    "friday": [{"start": "00:00", "end": "24:00"}], "saturday": [{"start": "00:00", "end": "24:00"}],
    "sunday": [{"start": "00:00", "end": "24:00"}]}},
  "focus_time": {"daily_minutes": 100, "block_minutes": 50}}"#;

/// An `Etc/GMT±N` zone in which the hour now is 12 (POSIX signs: `Etc/GMT-3` is UTC+3), and
/// its offset. The server reads the machine's clock, so the test does too.
fn noon_zone() -> (String, FixedOffset) {
    let hours = 12 - i32::try_from(SystemClock.now().hour()).expect("an hour");
    let name = match hours {
        0 => "Etc/GMT".to_owned(),
        h if h > 0 => format!("Etc/GMT-{h}"),
        h => format!("Etc/GMT+{}", -h),
    };
    (name, FixedOffset::east_opt(hours * 3600).expect("a valid offset"))
}

fn starts(list: &Value) -> Vec<(String, bool)> {
    list.as_array()
        .expect("a list")
        .iter()
        .map(|p| (p["start"].as_str().expect("a start").to_owned(), p["accepted"].as_bool().expect("a flag")))
        .collect()
}

fn local_hm(instant: &str, offset: FixedOffset) -> String {
    let at: DateTime<Utc> = instant.parse().expect("an RFC 3339 instant");
    at.with_timezone(&offset).format("%H:%M").to_string()
}

#[test]
fn proposals_are_listed_accepted_moved_and_skipped_through_the_running_instance() {
    let (tmp, dir) = data_dir();
    let (zone, offset) = noon_zone();
    let env = [("TZ", zone.as_str())];
    let run = |args: &[&str]| lull_in(&dir, &env, args);
    let ok = |args: &[&str]| {
        let output = run(args);
        assert!(output.status.success(), "lull {args:?} failed: {output:?}");
        stdout(&output)
    };
    let json = |args: &[&str]| -> Value { serde_json::from_str(&ok(args)).expect("JSON") };

    let file = tmp.path().join("settings.json");
    std::fs::write(&file, SETTINGS).expect("write the settings");
    ok(&["settings", "import", file.to_str().expect("a UTF-8 path")]);
    let _server = Server::start_in(&dir, &tmp.path().join("serve.log"), &env);

    let listed = json(&["proposals", "--json"]);
    let proposed = starts(&listed);
    assert_eq!(proposed.len(), 2, "two blocks of 50 minutes make the goal: {listed}");
    assert!(proposed.iter().all(|(_, accepted)| !accepted), "{listed}");
    let (first, second) = (local_hm(&proposed[0].0, offset), local_hm(&proposed[1].0, offset));
    let text = ok(&["proposals"]);
    assert!(
        text.starts_with(&format!(" 1. {first}–")) && text.contains(&format!(" 2. {second}–")),
        "numbered lines on the local clock: {text}"
    );
    assert!(text.contains("(50 min)  proposed"), "{text}");
    assert_eq!(json(&["status", "--json"])["proposals"], listed, "the status carries the same list");

    let said = ok(&["proposals", "accept", "2"]);
    assert!(said.starts_with(&format!("Accepted: a block starts at {second}–")), "{said}");
    assert!(starts(&json(&["proposals", "--json"])).contains(&(proposed[1].0.clone(), true)));

    let said = ok(&["proposals", "move", &second, "16:00"]);
    assert!(said.starts_with("Moved and accepted: a block starts at 16:00–16:50"), "{said}");
    let after_move = json(&["proposals", "--json"]);
    let accepted: Vec<String> = starts(&after_move)
        .into_iter()
        .filter(|(_, accepted)| *accepted)
        .map(|(start, _)| local_hm(&start, offset))
        .collect();
    assert_eq!(accepted, ["16:00"], "it left {second}: {after_move}");

    let refused = run(&["proposals", "move", "1", "09:00"]);
    assert!(!refused.status.success(), "a time that has passed is refused");
    assert!(stderr(&refused).contains("that time has passed"), "the engine's reason: {refused:?}");

    ok(&["proposals", "skip", &first]);
    let after_skip = json(&["proposals", "--json"]);
    assert!(
        starts(&after_skip).iter().all(|(start, _)| local_hm(start, offset) != first),
        "{first} is not proposed again today: {after_skip}"
    );

    let unknown = run(&["proposals", "accept", "9"]);
    assert!(!unknown.status.success(), "no ninth proposal");
    assert!(stderr(&unknown).contains("no proposal is \"9\" today"), "{unknown:?}");
}
