// The list of the window's commands, `with_commands!`.
include!("src/commands/list.rs");

/// The command names of `with_commands!`, as strings.
macro_rules! names {
    ($($module:ident :: $name:ident),* $(,)?) => {
        &[$(stringify!($name)),*]
    };
}

fn main() {
    println!("cargo::rerun-if-changed=src/commands/list.rs");
    // The app's own commands get generated `allow-<command>` permissions, and only those the
    // capability lists are callable from the window.
    let commands: &[&str] = with_commands!(names);
    let manifest = tauri_build::AppManifest::new().commands(commands);
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("./src-tauri/capabilities/**/*")
        .app_manifest(manifest);
    if let Err(err) = tauri_build::try_build(attributes) {
        panic!("tauri-build failed: {err:#}");
    }
}
