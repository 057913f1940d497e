//! The window's commands: thin calls into the engine and the desktop integration. Errors cross
//! as `{code, message, field?}`. Each command needs an `allow-…` entry in
//! `src-tauri/capabilities/main.json` and its name in `src-tauri/build.rs`.

pub mod desktop;
pub mod focus;
pub mod inbox;
pub mod settings;
