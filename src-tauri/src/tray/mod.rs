//! The tray: an icon that shows the mode and a block's progress, the minutes left as its label,
//! and a menu with every action (Linux trays send no clicks, only menu events).
//!
//! The tray renders the engine's status and sends commands; it decides nothing itself.

mod icon;

use chrono::{DateTime, TimeDelta, Utc};
use lull_core::{Engine, FocusBlock, Status};
use tauri::menu::{Menu, MenuEvent, MenuItem, PredefinedMenuItem, Submenu};
use tauri::tray::{TrayIcon, TrayIconBuilder};
use tauri::{AppHandle, Manager, Wry};

use crate::window;

/// Presets in the Start focus submenu, in minutes.
const PRESETS: [i64; 3] = [25, 50, 90];
const EXTEND_MINUTES: i64 = 10;

pub struct Tray {
    icon: TrayIcon,
    header: MenuItem<Wry>,
    start: Submenu<Wry>,
    extend: MenuItem<Wry>,
    stop: MenuItem<Wry>,
}

impl Tray {
    pub fn build(app: &AppHandle) -> tauri::Result<Self> {
        let header = MenuItem::with_id(app, "header", "Not focusing", false, None::<&str>)?;
        let presets = PRESETS
            .iter()
            .map(|m| MenuItem::with_id(app, format!("start-{m}"), format!("{m} minutes"), true, None::<&str>))
            .collect::<tauri::Result<Vec<_>>>()?;
        let preset_refs: Vec<&dyn tauri::menu::IsMenuItem<Wry>> =
            presets.iter().map(|item| item as &dyn tauri::menu::IsMenuItem<Wry>).collect();
        let start = Submenu::with_id_and_items(app, "start", "Start focus", true, &preset_refs)?;
        let extend =
            MenuItem::with_id(app, "extend", format!("Extend +{EXTEND_MINUTES} min"), false, None::<&str>)?;
        let stop = MenuItem::with_id(app, "stop", "Stop focus", false, None::<&str>)?;
        let open = MenuItem::with_id(app, "open", "Open Lull", true, None::<&str>)?;
        let quit = MenuItem::with_id(app, "quit", "Quit Lull", true, None::<&str>)?;
        let menu = Menu::with_items(
            app,
            &[
                &header,
                &PredefinedMenuItem::separator(app)?,
                &start,
                &extend,
                &stop,
                &PredefinedMenuItem::separator(app)?,
                &open,
                &PredefinedMenuItem::separator(app)?,
                &quit,
            ],
        )?;
        let icon = TrayIconBuilder::with_id("lull")
            .icon(icon::idle())
            .tooltip("Lull")
            .menu(&menu)
            .on_menu_event(on_menu_event)
            .build(app)?;
        Ok(Self { icon, header, start, extend, stop })
    }

    /// Shows `status` as of `now`: icon, label, and which items make sense.
    pub fn render(&self, status: &Status, now: DateTime<Utc>) {
        let result = match &status.block {
            Some(block) => self.render_block(block, now),
            None => self.render_idle(),
        };
        if let Err(err) = result {
            eprintln!("lull: cannot update the tray: {err}");
        }
    }

    fn render_block(&self, block: &FocusBlock, now: DateTime<Utc>) -> tauri::Result<()> {
        let left = minutes_left(block, now);
        self.icon.set_icon(Some(icon::focusing(progress(block, now))))?;
        self.icon.set_title(Some(format!("{left} min")))?;
        self.icon.set_tooltip(Some(format!("Lull: focusing, {left} min left")))?;
        let until = block.deadline.with_timezone(&chrono::Local).format("%H:%M");
        let header = match &block.intent {
            Some(intent) => format!("Focusing until {until}: {}", ellipsis(intent, 40)),
            None => format!("Focusing until {until}"),
        };
        self.header.set_text(header)?;
        self.start.set_enabled(false)?;
        self.extend.set_enabled(true)?;
        self.stop.set_enabled(true)
    }

    fn render_idle(&self) -> tauri::Result<()> {
        self.icon.set_icon(Some(icon::idle()))?;
        self.icon.set_title(None::<&str>)?;
        self.icon.set_tooltip(Some("Lull: not focusing"))?;
        self.header.set_text("Not focusing")?;
        self.start.set_enabled(true)?;
        self.extend.set_enabled(false)?;
        self.stop.set_enabled(false)
    }
}

fn on_menu_event(app: &AppHandle, event: MenuEvent) {
    let engine = app.state::<Engine>().inner().clone();
    let id = event.id().as_ref();
    let command = match id {
        "open" => return window::show(app),
        "quit" => return app.exit(0),
        "extend" => Command::Extend,
        "stop" => Command::Stop,
        other => match other.strip_prefix("start-").and_then(|m| m.parse::<i64>().ok()) {
            Some(minutes) => Command::Start(minutes),
            None => return,
        },
    };
    tauri::async_runtime::spawn(async move {
        let result = match command {
            Command::Start(minutes) => engine.start_focus(minutes * 60, None).await.map(drop),
            Command::Extend => engine.extend_focus(EXTEND_MINUTES * 60).await.map(drop),
            Command::Stop => engine.stop_focus().await.map(drop),
        };
        // The menu only offers what makes sense, so this is a race with the deadline at most.
        if let Err(err) = result {
            lull_server::notify::show("Lull".into(), err.message, notify_rust::Urgency::Low);
        }
    });
}

enum Command {
    Start(i64),
    Extend,
    Stop,
}

/// Whole minutes left, rounded up: "1 min" until the very end, never "0 min".
pub fn minutes_left(block: &FocusBlock, now: DateTime<Utc>) -> i64 {
    let secs = (block.deadline - now).num_seconds().max(0);
    ((secs + 59) / 60).max(1)
}

/// When the label next changes (a minute boundary before the deadline), if before the end.
pub fn next_label_change(block: &FocusBlock, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let left = minutes_left(block, now);
    (left > 1).then(|| block.deadline - TimeDelta::minutes(left - 1))
}

fn progress(block: &FocusBlock, now: DateTime<Utc>) -> f64 {
    let total = (block.deadline - block.started_at).num_milliseconds() as f64;
    if total <= 0.0 { 1.0 } else { (now - block.started_at).num_milliseconds() as f64 / total }
}

fn ellipsis(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut short: String = text.chars().take(max - 1).collect();
    short.push('…');
    short
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn block(minutes: i64) -> FocusBlock {
        let start = Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).single().expect("valid");
        FocusBlock {
            id: 1,
            started_at: start,
            deadline: start + TimeDelta::minutes(minutes),
            intent: None,
            planned_secs: minutes * 60,
            ended_at: None,
            outcome: None,
            schedule_id: None,
        }
    }

    #[test]
    fn the_label_counts_whole_minutes_up_and_changes_on_minute_boundaries() {
        let b = block(25);
        assert_eq!(minutes_left(&b, b.started_at), 25);
        assert_eq!(minutes_left(&b, b.started_at + TimeDelta::seconds(1)), 25);
        assert_eq!(next_label_change(&b, b.started_at), Some(b.started_at + TimeDelta::minutes(1)));
        let near_end = b.deadline - TimeDelta::seconds(30);
        assert_eq!(minutes_left(&b, near_end), 1, "never 0 while running");
        assert_eq!(next_label_change(&b, near_end), None, "the end itself is the next change");
    }

    #[test]
    fn a_long_intent_is_shortened_with_an_ellipsis() {
        assert_eq!(ellipsis("short", 40), "short");
        assert_eq!(ellipsis(&"x".repeat(50), 10), format!("{}…", "x".repeat(9)));
    }
}
