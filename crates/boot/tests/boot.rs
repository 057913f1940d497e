//! The start-up order, from outside: what runs without the API.

use lull_hooks::testing::{hook_lines, hook_settings};

#[tokio::test]
async fn hooks_run_when_the_api_port_is_taken() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data_dir = dir.path().join("profile");
    let log = dir.path().join("hooks.log");
    let lull_boot::Claimed::First(opened) = lull_boot::open(&data_dir).expect("opens") else {
        panic!("the data directory is ours");
    };
    let started = opened.start(None).expect("starts");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    let port = taken.local_addr().expect("address").port();
    let refused = started.serve_api(port).await;
    assert!(refused.is_err(), "the API cannot listen on a taken port");

    started.engine.update_settings(hook_settings(&log)).await.expect("hooks set");
    started.engine.start_focus(600, None).await.expect("a block starts without the API");
    let lines = tokio::task::spawn_blocking(move || hook_lines(&log, 1)).await.expect("joined");
    assert_eq!(lines, ["focus_start|"], "the hook ran although the API is off");
}

#[tokio::test]
async fn the_status_over_http_carries_the_desktop_integration() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data_dir = dir.path().join("profile");
    let lull_boot::Claimed::First(opened) = lull_boot::open(&data_dir).expect("opens") else {
        panic!("the data directory is ours");
    };
    let started = opened.start(None).expect("starts");
    let running = started.serve_api(0).await.expect("the API listens");
    let token = std::fs::read_to_string(lull_core::paths::token(&data_dir)).expect("the token file");
    let port = running.address.port;
    let raw =
        tokio::task::spawn_blocking(move || get(port, token.trim(), "/v1/status")).await.expect("joined");
    let body = raw.split_once("\r\n\r\n").map(|(_, body)| body).unwrap_or_default();
    let status: serde_json::Value = serde_json::from_str(body).expect("JSON");
    // The followers move on (capture goes from starting to running or unavailable), so the
    // shape is checked, not one moment's values.
    let desktop = &status["desktop"];
    assert!(desktop["capture"]["state"].is_string(), "capture says how it is doing: {raw}");
    assert!(desktop["dnd"]["on"].is_boolean() && desktop["dnd"]["users"].is_boolean(), "{raw}");
    let _: lull_core::DesktopReport = serde_json::from_value(desktop.clone()).expect("a DesktopReport");
    assert!(status["mode"].is_string(), "beside the engine's status: {raw}");
}

/// One GET over HTTP/1.1 on loopback, the whole answer as text.
fn get(port: u16, token: &str, path: &str) -> String {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).expect("connects");
    let request = format!(
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAuthorization: Bearer {token}\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).expect("sends");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("reads");
    answer
}

#[test]
fn the_log_goes_to_a_file_in_the_data_directory_too() {
    let dir = tempfile::tempdir().expect("temp dir");
    let guard = lull_boot::logging::init(Some(dir.path()), false);
    tracing::info!("a line for the log file");
    tracing::debug!("not without --verbose");
    drop(guard); // flushes
    let logs = lull_boot::logging::log_dir(dir.path());
    let text: String = std::fs::read_dir(&logs)
        .expect("the log folder exists")
        .filter_map(|entry| std::fs::read_to_string(entry.ok()?.path()).ok())
        .collect();
    assert!(text.contains("a line for the log file"), "the file has the line: {text:?}");
    assert!(!text.contains("not without --verbose"), "debug only with --verbose: {text:?}");
}

#[tokio::test]
async fn a_data_directory_the_start_creates_is_in_its_first_run_and_an_existing_one_is_not() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data_dir = dir.path().join("new-profile");
    let lull_boot::Claimed::First(opened) = lull_boot::open(&data_dir).expect("opens") else {
        panic!("the data directory is ours");
    };
    assert!(opened.engine.status().first_run, "a new profile: nothing held, the desktop left alone");
    drop(opened);

    let existing = dir.path().join("old-profile");
    std::fs::create_dir_all(&existing).expect("dir");
    let (lull, _) = lull_core::Lull::open(
        &lull_core::paths::database(&existing),
        std::sync::Arc::new(lull_core::SystemClock),
    )
    .expect("an earlier Lull made this database");
    drop(lull);
    let lull_boot::Claimed::First(opened) = lull_boot::open(&existing).expect("opens") else {
        panic!("the data directory is ours");
    };
    assert!(!opened.engine.status().first_run, "an existing profile is never taken back to its first run");
}

#[tokio::test]
async fn focus_ics_is_written_while_the_settings_ask_for_it_and_removed_when_they_stop() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data_dir = dir.path().join("profile");
    let lull_boot::Claimed::First(opened) = lull_boot::open(&data_dir).expect("opens") else {
        panic!("the data directory is ours");
    };
    let started = opened.start(None).expect("starts");
    let file = data_dir.join(lull_boot::focus_ics::FILE_NAME);
    let mut settings = started.engine.settings().await.expect("settings");
    settings.focus_time.ics_file = true;
    settings.focus_time.daily_minutes = 60;
    started.engine.update_settings(settings.clone()).await.expect("valid");
    let written = wait_for(|| std::fs::read_to_string(&file).ok()).await;
    assert!(
        written.starts_with("BEGIN:VCALENDAR\r\n") && written.ends_with("END:VCALENDAR\r\n"),
        "{written}"
    );
    let reported = wait_for(|| started.followers.report().focus_calendar).await;
    assert_eq!(reported, file.display().to_string(), "the status says where it is");

    settings.focus_time.ics_file = false;
    started.engine.update_settings(settings).await.expect("valid");
    wait_for(|| (!file.exists()).then_some(())).await;
    assert_eq!(started.followers.report().focus_calendar, None);
}

/// What `probe` gives once it gives something, within 10 s.
async fn wait_for<T>(mut probe: impl FnMut() -> Option<T>) -> T {
    for _ in 0..200 {
        if let Some(found) = probe() {
            return found;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("not within 10 s");
}
