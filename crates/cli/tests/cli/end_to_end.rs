//! One user's session against a real `lull serve`: a block, a message held, triage, the bar,
//! an export, a rotated token, a second instance refused, and a kill.

use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::support::{Server, data_dir, json, lull, ok, stderr};

#[test]
fn a_focus_block_holds_a_sent_message_and_triage_works_end_to_end() {
    let (tmp, dir) = data_dir();
    let mut server = Server::start(&dir, &tmp.path().join("serve.log"));
    let d = dir.as_path();

    let id = a_block_holds_what_is_sent(d);
    a_body_piped_in_is_sent_and_found(d);
    the_message_is_pinned_snoozed_and_done(d, &id);
    the_block_ends_and_the_bar_says_so(d);

    let csv = d.join("export.csv");
    ok(d, &["export", "--format", "csv", "-o", csv.to_str().expect("a UTF-8 path")]);
    let written = std::fs::read_to_string(&csv).expect("the export was written");
    assert!(written.contains("from a pipe"), "{written}");

    // The server picks up a rotated token at once, and the client reads the new one.
    ok(d, &["token", "--rotate"]);
    assert_eq!(json(d, &["status", "--json"])["block"], Value::Null, "still answering");

    let second = lull(d, &["serve", "--port", "0"]);
    assert_eq!(second.status.code(), Some(1), "one instance per data directory: {second:?}");
    assert!(stderr(&second).starts_with("lull: "), "{second:?}");

    // Killed without a chance to clean up, the instance leaves api.json behind: still "not running".
    server.kill();
    let gone = lull(d, &["status"]);
    assert_eq!(gone.status.code(), Some(3), "{gone:?}");
}

/// Starts a block and sends a message, which is held; returns its id.
fn a_block_holds_what_is_sent(d: &Path) -> String {
    let started = ok(d, &["focus", "25m", "write"]);
    assert!(started.starts_with("Focusing until "), "{started}");
    assert!(started.trim_end().ends_with("25 min on write"), "{started}");

    let status = json(d, &["status", "--json"]);
    assert_eq!(status["mode"], "focus", "{status}");
    assert_eq!(status["block"]["intent"], "write", "{status}");

    let text = ok(d, &["status"]);
    assert!(text.starts_with("Focus: 25 min left"), "{text}");

    let sent = ok(d, &["send", "hello", "--title", "hi"]);
    assert!(sent.starts_with("Held until "), "held during a block: {sent}");

    let inbox = json(d, &["inbox", "--json"]);
    let messages = inbox["messages"].as_array().expect("a list of messages");
    assert_eq!(messages.len(), 1, "{inbox}");
    let message = &messages[0];
    assert_eq!((message["title"].as_str(), message["body"].as_str()), (Some("hi"), Some("hello")));
    assert_eq!(message["source"], "cli", "lull send marks its messages");
    assert_eq!(message["state"], "held");
    let id = message["id"].as_i64().expect("an id").to_string();

    let rows = ok(d, &["inbox"]);
    assert!(rows.contains("hi — hello") && rows.contains("[held]"), "{rows}");
    id
}

fn a_body_piped_in_is_sent_and_found(d: &Path) {
    let piped = Command::new(env!("CARGO_BIN_EXE_lull"))
        .args(["send", "--json", "--priority", "2", "--dedupe-key", "k1"])
        .arg("--data-dir")
        .arg(d)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().expect("a pipe").write_all(b"from a pipe\n")?;
            child.wait_with_output()
        })
        .expect("lull send runs");
    assert!(piped.status.success(), "{piped:?}");
    let receipt: Value = serde_json::from_slice(&piped.stdout).expect("a JSON receipt");
    assert_eq!((receipt["decision"].as_str(), receipt["duplicate"].as_bool()), (Some("held"), Some(false)));
    let found = json(d, &["search", "pipe", "--json"]);
    assert_eq!(found[0]["body"], "from a pipe", "the body came from stdin, without its newline");
}

fn the_message_is_pinned_snoozed_and_done(d: &Path, id: &str) {
    assert_eq!(ok(d, &["pin", id, "--due", "2h"]).trim(), format!("Pinned: {id}"));
    let snoozed = ok(d, &["snooze", id, "--until", "block-end"]);
    assert!(snoozed.starts_with(&format!("Snoozed {id} until ")), "{snoozed}");
    let visible = json(d, &["inbox", "--json"]);
    assert_eq!(visible["messages"].as_array().map(Vec::len), Some(1), "the snoozed one is hidden: {visible}");
    let all = json(d, &["inbox", "--json", "--all"]);
    assert_eq!(all["messages"].as_array().map(Vec::len), Some(2), "--all shows it: {all}");
    assert_eq!(ok(d, &["unsnooze", id]).trim(), format!("Back from snooze: {id}"));
    // Typed instants are read by the running Lull, the parser the window's snooze field uses.
    let typed = ok(d, &["snooze", id, "--until", "friday 9"]);
    // Next Friday, 1 to 7 days ahead: "Fri 09:00", or a date a week ahead on a Friday.
    assert!(
        typed.starts_with(&format!("Snoozed {id} until ")) && typed.trim_end().ends_with("09:00"),
        "{typed}"
    );
    let snoozed = json(d, &["inbox", "--json", "--view", "snoozed"]);
    assert_eq!(snoozed["messages"][0]["id"].to_string(), id, "the snoozed view lists it: {snoozed}");
    let unreadable = lull(d, &["snooze", id, "--until", "someday"]);
    assert_eq!(unreadable.status.code(), Some(1), "{unreadable:?}");
    assert!(
        stderr(&unreadable).contains("not a time Lull can read"),
        "the server's sentence: {unreadable:?}"
    );
    assert_eq!(ok(d, &["unsnooze", id]).trim(), format!("Back from snooze: {id}"));
    let back = json(d, &["inbox", "--json"]);
    assert_eq!(back["messages"].as_array().map(Vec::len), Some(2), "unsnoozed, it is back: {back}");
    let stats = json(d, &["stats", "--weeks", "1"]);
    assert_eq!(stats["weeks"].as_array().map(Vec::len), Some(1), "{stats}");

    assert_eq!(ok(d, &["done", id]).trim(), format!("Done: {id}"));
    let unknown = lull(d, &["done", "999999"]);
    assert_eq!(unknown.status.code(), Some(1), "{unknown:?}");
    assert!(stderr(&unknown).starts_with("lull: "), "the server's sentence: {unknown:?}");
}

fn the_block_ends_and_the_bar_says_so(d: &Path) {
    let extended = ok(d, &["extend", "5"]);
    assert!(extended.contains("30 min in all"), "{extended}");
    let stopped = ok(d, &["stop"]);
    assert!(stopped.starts_with("Stopped after "), "{stopped}");
    let again = lull(d, &["stop"]);
    assert_eq!(again.status.code(), Some(1), "no block to stop: {again:?}");

    let waybar = ok(d, &["status", "--waybar"]);
    assert_eq!(waybar.lines().count(), 1, "one line: {waybar}");
    let waybar: Value = serde_json::from_str(&waybar).expect("valid JSON");
    let class = waybar["class"].as_str().expect("a class");
    assert!(["open", "quiet"].contains(&class), "no block now: {waybar}");
    assert_eq!(waybar["alt"], class);
    assert!(waybar["tooltip"].is_string() && waybar["text"].is_string(), "{waybar}");
}
