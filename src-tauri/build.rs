fn main() {
    // The app's own commands get generated `allow-<command>` permissions, and only those the
    // capability lists are callable from the window.
    let manifest =
        tauri_build::AppManifest::new().commands(&["status", "start_focus", "extend_focus", "stop_focus"]);
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("./src-tauri/capabilities/**/*")
        .app_manifest(manifest);
    if let Err(err) = tauri_build::try_build(attributes) {
        panic!("tauri-build failed: {err:#}");
    }
}
