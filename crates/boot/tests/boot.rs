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
