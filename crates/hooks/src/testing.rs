//! What the tests of hooks share, here and in `lull-boot`: settings whose hooks append a line per
//! event to a file, and a wait for those lines. Behind the `testing` feature, so the apps never
//! build it.

use std::path::Path;
use std::time::{Duration, Instant};

use lull_core::Settings;
use lull_core::settings::{Hook, HookEvent};

/// Waits up to 10 s for `file` to hold at least `n` lines; returns them sorted.
pub fn hook_lines(file: &Path, n: usize) -> Vec<String> {
    let until = Instant::now() + Duration::from_secs(10);
    loop {
        let mut lines: Vec<String> =
            std::fs::read_to_string(file).unwrap_or_default().lines().map(str::to_owned).collect();
        if lines.len() >= n || Instant::now() > until {
            lines.sort();
            return lines;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The default settings with a focus-start and a focus-end hook, each appending
/// `$LULL_EVENT|$LULL_OUTCOME` to `log`.
pub fn hook_settings(log: &Path) -> Settings {
    let line = format!(r#"echo "$LULL_EVENT|$LULL_OUTCOME" >> {}"#, log.display());
    let hooks = vec![
        Hook { on: HookEvent::FocusStart, command: line.clone() },
        Hook { on: HookEvent::FocusEnd, command: line },
    ];
    Settings { hooks, ..Settings::default() }
}
