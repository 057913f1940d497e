//! The window's commands: thin calls into the engine and the desktop integration. Each takes its
//! input as one `request` (a type of `lull_core::request`, or of `integration` for the shell's
//! own), and errors cross as `{code, message, field?}`. The commands are named once, in
//! `list.rs`; a unit test checks that list against `capabilities/main.json` and the core's table
//! of commands.

#[macro_use]
mod list;

pub mod desktop;
pub mod first_run;
pub mod focus;
pub mod inbox;
pub mod settings;
pub mod tokens;

/// The invoke handler of every command in `list.rs`.
macro_rules! handler {
    ($($module:ident :: $name:ident),* $(,)?) => {
        tauri::generate_handler![$($crate::commands::$module::$name),*]
    };
}

/// The names of every command in `list.rs`.
#[cfg(test)]
macro_rules! names {
    ($($module:ident :: $name:ident),* $(,)?) => {
        [$(stringify!($name)),*]
    };
}

pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
    with_commands!(handler)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    #[test]
    fn the_window_commands_are_the_ones_the_table_of_commands_gives_the_window() {
        let here: BTreeSet<&str> = with_commands!(names).into_iter().collect();
        let table: BTreeSet<&str> = lull_core::command::window_commands().collect();
        assert_eq!(here, table, "commands/list.rs and lull_core::command::COMMANDS name the same commands");
    }

    #[test]
    fn the_capability_allows_every_window_command_and_nothing_else_of_the_apps() {
        let capability: serde_json::Value =
            serde_json::from_str(include_str!("../../capabilities/main.json")).expect("main.json is JSON");
        let allowed: BTreeSet<String> = capability["permissions"]
            .as_array()
            .expect("a permissions list")
            .iter()
            .filter_map(|p| p.as_str())
            .filter(|p| !p.starts_with("core:"))
            .map(str::to_owned)
            .collect();
        let wanted: BTreeSet<String> = with_commands!(names)
            .into_iter()
            .map(|name| format!("allow-{}", name.replace('_', "-")))
            .collect();
        assert_eq!(allowed, wanted, "capabilities/main.json allows exactly the commands of commands/list.rs");
    }
}
