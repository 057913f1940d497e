//! What `lull` does with no instance running: the token, exit statuses, completions, help.

use std::os::unix::fs::PermissionsExt;
use std::process::Command;

use crate::support::{lull, ok, stderr};

#[test]
fn token_creates_a_private_hex_token_and_prints_the_same_one_each_time() {
    let dir = tempfile::tempdir().expect("temp dir");
    let first = ok(dir.path(), &["token"]);
    let token = first.trim();
    assert_eq!(token.len(), 64, "32 bytes as hex: {token:?}");
    assert!(token.bytes().all(|b| b.is_ascii_hexdigit()), "hex only: {token:?}");
    let file = dir.path().join("token");
    let mode = std::fs::metadata(&file).expect("the token file exists").permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "only the user may read the token");
    assert_eq!(std::fs::read_to_string(&file).expect("readable").trim(), token, "the file holds it");
    assert_eq!(ok(dir.path(), &["token"]), first, "the second call prints the same token");
}

#[test]
fn token_rotate_replaces_the_token() {
    let dir = tempfile::tempdir().expect("temp dir");
    let before = ok(dir.path(), &["token"]);
    let rotated = ok(dir.path(), &["token", "--rotate"]);
    assert_ne!(rotated, before, "a new token");
    assert_eq!(ok(dir.path(), &["token"]), rotated, "the new token is the one kept");
    let mode = std::fs::metadata(dir.path().join("token")).expect("exists").permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "still private after rotation");
}

#[test]
fn client_commands_exit_3_when_lull_is_not_running() {
    let dir = tempfile::tempdir().expect("temp dir");
    for args in [&["status"][..], &["status", "--waybar"], &["focus"], &["inbox"], &["send", "hi"]] {
        let output = lull(dir.path(), args);
        assert_eq!(output.status.code(), Some(3), "lull {args:?}: {output:?}");
        assert_eq!(
            stderr(&output).trim(),
            format!(
                "lull: Lull is not running for {}. Start it with `lull serve` (headless) or the Lull desktop app.",
                dir.path().display()
            ),
            "lull {args:?}"
        );
        assert!(output.stdout.is_empty(), "nothing on stdout for {args:?}");
    }
}

#[test]
fn the_data_directory_can_come_from_the_environment() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = Command::new(env!("CARGO_BIN_EXE_lull"))
        .arg("status")
        .env("LULL_DATA_DIR", dir.path())
        .output()
        .expect("lull runs");
    assert_eq!(output.status.code(), Some(3));
    assert!(stderr(&output).contains(&dir.path().display().to_string()), "{output:?}");
}

#[test]
fn completions_print_a_script_for_lull() {
    let dir = tempfile::tempdir().expect("temp dir");
    for shell in ["bash", "zsh", "fish"] {
        let script = ok(dir.path(), &["completions", shell]);
        assert!(script.contains("lull"), "{shell}: the script completes lull");
        assert!(script.contains("snooze"), "{shell}: and knows its commands");
    }
}

#[test]
fn bad_usage_exits_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    for args in [
        &["frobnicate"][..],
        &["send", "--priority", "9", "x"],
        &["extend", "ten"],
        &["focus", "25x"],
        &["late", "25:00"],
        &["done"],
        &["done", "abc"],
        &["status", "--json", "--waybar"],
    ] {
        let output = lull(dir.path(), args);
        assert_eq!(output.status.code(), Some(2), "lull {args:?}: {output:?}");
        assert!(!output.stderr.is_empty(), "lull {args:?} says why");
    }
}

#[test]
fn version_and_help_describe_lull() {
    let dir = tempfile::tempdir().expect("temp dir");
    let version = ok(dir.path(), &["--version"]);
    assert_eq!(version.trim(), format!("lull {}", env!("CARGO_PKG_VERSION")));
    let help = ok(dir.path(), &["--help"]);
    for word in ["focus", "send", "inbox", "serve", "Exit status"] {
        assert!(help.contains(word), "--help mentions {word}: {help}");
    }
}
