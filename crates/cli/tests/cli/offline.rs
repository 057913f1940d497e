//! What `lull` does with no instance running: the token, exit statuses, completions, help.

use std::os::unix::fs::PermissionsExt;
use std::process::Command;

use crate::support::{lull, ok, stderr, stdout};

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
fn completions_into_a_closed_pipe_end_quietly() {
    // `lull completions bash | head -1`: the reader is gone before the script is written.
    let dir = tempfile::tempdir().expect("temp dir");
    let mut child = Command::new(env!("CARGO_BIN_EXE_lull"))
        .args(["--data-dir", &dir.path().to_string_lossy(), "completions", "bash"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("lull starts");
    drop(child.stdout.take());
    let output = child.wait_with_output().expect("lull ends");
    assert!(output.status.success(), "a closed pipe is no error: {output:?}");
    assert!(!stderr(&output).contains("panicked"), "and no panic: {}", stderr(&output));
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

#[test]
fn manpages_writes_a_page_for_lull_and_each_visible_subcommand() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pages = dir.path().join("man");
    std::fs::create_dir(&pages).expect("the pages' directory");
    ok(dir.path(), &["manpages", &pages.to_string_lossy()]);
    for (page, title) in
        [("lull.1", "lull"), ("lull-focus.1", "lull-focus"), ("lull-token-new.1", "lull-token-new")]
    {
        let text = std::fs::read_to_string(pages.join(page)).unwrap_or_else(|err| panic!("{page}: {err}"));
        assert!(text.contains(&format!(".TH {title} 1")), "{page} is a section 1 page: {text}");
    }
    let names: Vec<String> = std::fs::read_dir(&pages)
        .expect("listable")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !names.iter().any(|name| name.contains("manpages") || name.contains("help")),
        "hidden ones have none: {names:?}"
    );
    let help = ok(dir.path(), &["--help"]);
    assert!(!help.contains("manpages"), "the packagers' command is not in the help: {help}");

    let output = lull(dir.path(), &["manpages", &dir.path().join("missing").to_string_lossy()]);
    assert_eq!(output.status.code(), Some(1), "a directory that is not there: {output:?}");
    assert!(stderr(&output).contains("cannot write the manual pages"), "{}", stderr(&output));
}

/// `lull secret …` with `stdin` piped in, on a session bus that does not exist, so the secret
/// goes to the fallback file and never to the keyring of whoever runs the tests.
fn secret(data_dir: &std::path::Path, args: &[&str], stdin: &[u8]) -> std::process::Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_lull"))
        .arg("--data-dir")
        .arg(data_dir)
        .arg("secret")
        .args(args)
        .env("DBUS_SESSION_BUS_ADDRESS", format!("unix:path={}/no-bus", data_dir.display()))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("lull runs");
    child.stdin.take().expect("stdin").write_all(stdin).expect("written");
    child.wait_with_output().expect("lull ends")
}

#[test]
fn secret_set_keeps_a_token_read_from_stdin_and_forget_removes_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let set = secret(dir.path(), &["set", "ntfy/home"], b"tk_AgQdq7mVBoFD37zQ\n");
    assert!(set.status.success(), "{set:?}");
    let file = dir.path().join("secrets.json");
    assert!(String::from_utf8_lossy(&set.stdout).contains("no Secret Service runs"), "says where: {set:?}");
    let text = std::fs::read_to_string(&file).expect("the fallback file");
    assert!(text.contains("\"source/ntfy/home\": \"tk_AgQdq7mVBoFD37zQ\""), "without the newline: {text}");
    assert_eq!(std::fs::metadata(&file).expect("exists").permissions().mode() & 0o777, 0o600);

    let forget = secret(dir.path(), &["forget", "ntfy/home"], b"");
    assert!(forget.status.success() && stdout(&forget).starts_with("Forgot"), "{forget:?}");
    assert!(!std::fs::read_to_string(&file).expect("file").contains("tk_"), "gone from the file");
    let again = secret(dir.path(), &["forget", "ntfy/home"], b"");
    assert!(stdout(&again).starts_with("No secret"), "{again:?}");
}

#[test]
fn secret_set_refuses_an_unknown_source_an_empty_secret_and_more_than_one_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (args, stdin) in [
        (&["set", "smtp/work"][..], &b"pw\n"[..]),
        (&["set", "ntfy/../x"], b"pw\n"),
        (&["set", "ntfy/home"], b""),
        (&["set", "ntfy/home"], b"\n"),
        (&["set", "ntfy/home"], b"one\ntwo\n"),
    ] {
        let output = secret(dir.path(), args, stdin);
        assert_eq!(output.status.code(), Some(1), "lull secret {args:?} with {stdin:?}: {output:?}");
        assert!(!stderr(&output).is_empty(), "says why");
    }
    assert!(!dir.path().join("secrets.json").exists(), "nothing was written");
}
