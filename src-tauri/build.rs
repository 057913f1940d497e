fn main() {
    // The app's own commands get generated `allow-<command>` permissions, and only those the
    // capability lists are callable from the window.
    let manifest = tauri_build::AppManifest::new().commands(&[
        "status",
        "start_focus",
        "extend_focus",
        "stop_focus",
        "inbox_overview",
        "inbox_start",
        "inbox_group",
        "message",
        "search",
        "done",
        "undone",
        "snooze",
        "unsnooze",
        "pin",
        "unpin",
        "open_link",
        "settings",
        "update_settings",
        "stats",
        "working_late",
        "done_for_today",
        "clear_overrides",
        "desktop",
        "set_autostart",
        "sources",
        "rotate_token",
        "close_window",
    ]);
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("./src-tauri/capabilities/**/*")
        .app_manifest(manifest);
    if let Err(err) = tauri_build::try_build(attributes) {
        panic!("tauri-build failed: {err:#}");
    }
}
