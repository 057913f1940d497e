//! The tray: an icon that shows the mode and a block's progress, the minutes left as its label,
//! and a menu with every action (Linux trays send no clicks, only menu events).
//!
//! The tray renders the engine's status and sends commands; it decides nothing itself.

mod icon;
mod proposal;

use chrono::{DateTime, TimeDelta, Utc};
use lull_bus::tray::Scheme;
use lull_core::timeline::QuietReason;
use lull_core::{Engine, FocusBlock, Mode, Status};
use tauri::menu::{Menu, MenuEvent, MenuItem, PredefinedMenuItem, Submenu};
use tauri::tray::{TrayIcon, TrayIconBuilder};
use tauri::{AppHandle, Manager, Wry};

use crate::window;
use proposal::{Answer, PROPOSAL_MENU, PROPOSAL_POSITION};

/// What the Start focus submenu offers until the settings are read.
const DEFAULT_PRESETS: [u32; 3] = [25, 50, 90];
const EXTEND_MINUTES: i64 = 10;

pub struct Tray {
    icon: TrayIcon,
    header: MenuItem<Wry>,
    start: Submenu<Wry>,
    presets: Presets,
    extend: MenuItem<Wry>,
    stop: MenuItem<Wry>,
    /// The next focus proposal and its answers; in the menu only while there is one.
    proposal: Submenu<Wry>,
    late: Submenu<Wry>,
    done_for_today: MenuItem<Wry>,
    resume: MenuItem<Wry>,
    inbox: MenuItem<Wry>,
    menu: Menu<Wry>,
    /// Quit while no block runs; during one, [`Tray::quit_block`] takes its place and asks.
    quit: MenuItem<Wry>,
    quit_block: Submenu<Wry>,
    /// The icon's one colour, from the desktop's colour scheme.
    ink: icon::Ink,
}

impl Tray {
    pub fn build(app: &AppHandle) -> tauri::Result<Self> {
        let header = MenuItem::with_id(app, "header", "Not focusing", false, None::<&str>)?;
        let start = Submenu::with_id(app, "start", "Start focus", true)?;
        let presets = Presets { app: app.clone(), start: start.clone() };
        presets.fill(&DEFAULT_PRESETS)?;
        let extend =
            MenuItem::with_id(app, "extend", format!("Extend +{EXTEND_MINUTES} min"), false, None::<&str>)?;
        let stop = MenuItem::with_id(app, "stop", "Stop focus", false, None::<&str>)?;
        let proposal = Submenu::with_id(app, PROPOSAL_MENU, "Focus proposed", true)?;
        let late_items = [1, 2]
            .iter()
            .map(|h| {
                MenuItem::with_id(
                    app,
                    format!("late-{h}"),
                    format!("{h} hour{}", if *h > 1 { "s" } else { "" }),
                    true,
                    None::<&str>,
                )
            })
            .collect::<tauri::Result<Vec<_>>>()?;
        let late_until = MenuItem::with_id(app, "late-until", "Until…", true, None::<&str>)?;
        let mut late_refs: Vec<&dyn tauri::menu::IsMenuItem<Wry>> =
            late_items.iter().map(|item| item as &dyn tauri::menu::IsMenuItem<Wry>).collect();
        late_refs.push(&late_until);
        let late = Submenu::with_id_and_items(app, "late", "Working late", true, &late_refs)?;
        let done_for_today = MenuItem::with_id(app, "done-for-today", "Done for today", true, None::<&str>)?;
        let resume = MenuItem::with_id(app, "resume", "Back to schedule", false, None::<&str>)?;
        // One item for the inbox: the daily review is the same window, so a second item that
        // opens it would only make the menu longer. The reminder notification is the review's.
        let inbox = MenuItem::with_id(app, "inbox", "Review inbox", true, None::<&str>)?;
        let settings = MenuItem::with_id(app, "settings", "Settings", true, None::<&str>)?;
        let open = MenuItem::with_id(app, "open", "Open Lull", true, None::<&str>)?;
        let quit = MenuItem::with_id(app, "quit", "Quit Lull", true, None::<&str>)?;
        // A block survives a restart (its deadline is stored), but while Lull is gone nothing
        // is held: quitting mid-block asks what to do with the block first.
        let quit_block = Submenu::with_id_and_items(
            app,
            "quit-block",
            "Quit Lull",
            true,
            &[
                &MenuItem::with_id(
                    app,
                    "quit-keep",
                    "Quit; the block resumes when Lull starts",
                    true,
                    None::<&str>,
                )?,
                &MenuItem::with_id(app, "quit-stop", "Stop the block and quit", true, None::<&str>)?,
                &MenuItem::with_id(app, "quit-cancel", "Keep focusing", true, None::<&str>)?,
            ],
        )?;
        let menu = Menu::with_items(
            app,
            &[
                &header,
                &PredefinedMenuItem::separator(app)?,
                &start,
                &extend,
                &stop,
                &PredefinedMenuItem::separator(app)?,
                &inbox,
                &PredefinedMenuItem::separator(app)?,
                &late,
                &done_for_today,
                &resume,
                &PredefinedMenuItem::separator(app)?,
                &settings,
                &open,
                &PredefinedMenuItem::separator(app)?,
                &quit,
            ],
        )?;
        let icon = TrayIconBuilder::with_id("lull")
            .icon(icon::idle(false, icon::Ink::for_scheme(Scheme::Dark)))
            .tooltip("Lull")
            .menu(&menu)
            .on_menu_event(on_menu_event)
            .build(app)?;
        Ok(Self {
            icon,
            header,
            start,
            presets,
            extend,
            stop,
            proposal,
            late,
            done_for_today,
            resume,
            inbox,
            menu,
            quit,
            quit_block,
            ink: icon::Ink::for_scheme(Scheme::Dark),
        })
    }

    /// Draws the icon for `scheme` from the next render on.
    pub fn set_scheme(&mut self, scheme: Scheme) {
        self.ink = icon::Ink::for_scheme(scheme);
    }

    /// The Start focus items, for [`follow_presets`].
    pub fn presets(&self) -> Presets {
        self.presets.clone()
    }

    /// Shows `status` as of `now`: icon, label, and which items make sense.
    pub fn render(&self, status: &Status, now: DateTime<Utc>) {
        let result = match &status.block {
            Some(block) => self.render_block(block, now),
            None => self.render_idle(status, now),
        }
        .and_then(|()| self.render_overrides(status, now))
        .and_then(|()| self.render_proposal(status, now));
        if let Err(err) = result {
            tracing::warn!("cannot update the tray: {err}");
        }
    }

    /// Puts the asking Quit in place during a block, the plain one otherwise.
    fn render_quit(&self, focusing: bool) -> tauri::Result<()> {
        let shown = self.menu.items()?.iter().map(|item| item.id().clone()).collect::<Vec<_>>();
        let (wanted, other): (&dyn tauri::menu::IsMenuItem<Wry>, &dyn tauri::menu::IsMenuItem<Wry>) =
            if focusing { (&self.quit_block, &self.quit) } else { (&self.quit, &self.quit_block) };
        if shown.contains(wanted.id()) {
            return Ok(());
        }
        if shown.contains(other.id()) {
            self.menu.remove(other)?;
        }
        // Quit is the menu's last item.
        self.menu.append(wanted)
    }

    fn render_block(&self, block: &FocusBlock, now: DateTime<Utc>) -> tauri::Result<()> {
        self.render_quit(true)?;
        let left = minutes_left(block, now);
        self.icon.set_icon(Some(icon::focusing(progress(block, now), self.ink)))?;
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

    fn render_idle(&self, status: &Status, now: DateTime<Utc>) -> tauri::Result<()> {
        self.render_quit(false)?;
        let open = status.mode == Mode::Open;
        self.icon.set_icon(Some(icon::idle(open, self.ink)))?;
        self.icon.set_title(None::<&str>)?;
        let header = mode_header(status, now);
        self.icon.set_tooltip(Some(format!("Lull: {header}")))?;
        self.header.set_text(header)?;
        self.start.set_enabled(true)?;
        self.extend.set_enabled(false)?;
        self.stop.set_enabled(false)
    }

    fn render_overrides(&self, status: &Status, now: DateTime<Utc>) -> tauri::Result<()> {
        self.inbox.set_text(match status.held {
            0 => "Review inbox".to_owned(),
            n => format!("Review inbox ({n} held)"),
        })?;
        relabel(&self.menu, &self.late, &late_label(status, now))?;
        let overridden = status.working_late_until.is_some() || status.done_for_today_until.is_some();
        self.late.set_enabled(status.mode != Mode::Focus)?;
        self.done_for_today.set_enabled(status.mode == Mode::Open)?;
        self.resume.set_enabled(overridden)
    }

    /// Shows the next proposal's submenu under Stop focus, or takes it away when there is none.
    /// Its items are made anew only when the proposal or its answer changes: their ids carry
    /// the proposal's start, so a click answers the proposal it was shown for.
    fn render_proposal(&self, status: &Status, now: DateTime<Utc>) -> tauri::Result<()> {
        let shown = self.menu.items()?.iter().any(|item| item.id() == PROPOSAL_MENU);
        let Some(proposal) = proposal::next(&status.proposals, now) else {
            return if shown { self.menu.remove(&self.proposal) } else { Ok(()) };
        };
        let answers = proposal::answers(proposal, now);
        let current = self.proposal.items()?.first().map(|item| item.id().0.clone());
        if current.as_deref() != answers.first().map(|(id, _)| id.as_str()) {
            for item in self.proposal.items()? {
                self.proposal.remove(&item)?;
            }
            for (id, text) in answers {
                self.proposal.append(&MenuItem::with_id(
                    self.icon.app_handle(),
                    id,
                    text,
                    true,
                    None::<&str>,
                )?)?;
            }
        }
        if shown {
            relabel(&self.menu, &self.proposal, &proposal::label(proposal))
        } else {
            self.proposal.set_text(proposal::label(proposal))?;
            self.menu.insert(&self.proposal, PROPOSAL_POSITION)
        }
    }
}

/// Gives `submenu`, an item of `menu`, the label `text`. Once a submenu is in a menu, GTK shows
/// no new text for it (muda's submenu item holds a box, not a label, so setting the label does
/// nothing), so it is taken out and put back in its place, which draws it anew. Its `text()` is
/// the last text set either way.
fn relabel(menu: &Menu<Wry>, submenu: &Submenu<Wry>, text: &str) -> tauri::Result<()> {
    if submenu.text()? == text {
        return Ok(());
    }
    submenu.set_text(text)?;
    if let Some(at) = menu.items()?.iter().position(|item| item.id() == submenu.id()) {
        menu.remove(submenu)?;
        menu.insert(submenu, at)?;
    }
    Ok(())
}

/// "Open until 12:00 · 2 held", "Quiet until Thu 09:00", "Done for today until Thu 09:00", "Away
/// since 14:02 (screen locked)", "In a meeting until 15:00", "Presenting since 14:10 (a fullscreen
/// window)"; in a new profile's first run, that
/// Lull is not holding anything yet. A meeting's title is not shown: the tray is on screen while
/// the screen is shared.
pub fn mode_header(status: &Status, now: DateTime<Utc>) -> String {
    if status.first_run && status.mode != Mode::Focus {
        return "Not set up yet · holding nothing".to_owned();
    }
    let name = match status.mode {
        Mode::Focus => "Focusing",
        Mode::Open if status.working_late_until.is_some() => "Working late",
        Mode::Open => "Open",
        Mode::Quiet if status.done_for_today_until.is_some() => "Done for today",
        Mode::Quiet if status.quiet_reason == Some(QuietReason::Meeting) => "In a meeting",
        Mode::Quiet => "Quiet",
    };
    let until =
        status.next_change.map(|change| format!(" until {}", local_when(change.at, now))).unwrap_or_default();
    let held = if status.held > 0 { format!(" · {} held", status.held) } else { String::new() };
    if let (Mode::Quiet, Some(QuietReason::Presenting), Some(on_show)) =
        (status.mode, status.quiet_reason, status.presenting)
    {
        // Until it ends, which nobody knows: since when, and how.
        return format!(
            "Presenting since {} ({}){held}",
            local_when(on_show.since, now),
            on_show.screen.label()
        );
    }
    if let (Mode::Quiet, Some(QuietReason::Away), Some(away)) =
        (status.mode, status.quiet_reason, status.away)
    {
        // Nobody knows until when: since when, and how.
        return format!("Away since {} ({}){held}", local_when(away.since, now), away.presence.label());
    }
    format!("{name}{until}{held}")
}

/// The Working late submenu's title: until when, while working late. Its items stay "1 hour",
/// "2 hours": an end time beside each would go stale between renders, and outside a block the
/// tray wakes only when the status changes.
fn late_label(status: &Status, now: DateTime<Utc>) -> String {
    match status.working_late_until {
        Some(until) => format!("Working late · until {}", local_when(until, now)),
        None => "Working late".to_owned(),
    }
}

/// "17:30" today, "Thu 09:00" on another day, in the local time zone.
fn local_when(at: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let (at, now) = (at.with_timezone(&chrono::Local), now.with_timezone(&chrono::Local));
    if at.date_naive() == now.date_naive() {
        at.format("%H:%M").to_string()
    } else {
        at.format("%a %H:%M").to_string()
    }
}

fn on_menu_event(app: &AppHandle, event: MenuEvent) {
    let engine = app.state::<Engine>().inner().clone();
    let id = event.id().as_ref();
    let command = match id {
        "open" => return window::show(app, None),
        "inbox" => return window::show(app, Some("inbox")),
        "settings" => return window::show(app, Some("settings")),
        "start-custom" | "late-until" => return window::show(app, Some("focus")),
        other if proposal::is_move(other) => return window::show(app, Some("focus")),
        "quit" | "quit-keep" => return app.exit(0),
        "quit-cancel" => return,
        "quit-stop" => Command::StopAndQuit,
        "extend" => Command::Extend,
        "stop" => Command::Stop,
        "done-for-today" => Command::DoneForToday,
        "resume" => Command::Resume,
        "late-1" => Command::WorkLate(1),
        "late-2" => Command::WorkLate(2),
        other => match other.strip_prefix("preset-").and_then(|i| i.parse::<usize>().ok()) {
            Some(slot) => Command::Start(slot),
            None => match proposal::answer_of(other) {
                Some(answer) => Command::Proposal(answer),
                None => return,
            },
        },
    };
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let result = match command {
            Command::Start(slot) => {
                let presets = engine.settings().await.map(|s| s.focus_presets).unwrap_or_default();
                let minutes = presets.get(slot).or(DEFAULT_PRESETS.get(slot)).copied().unwrap_or(25);
                engine.start_focus(i64::from(minutes) * 60, None).await.map(drop)
            }
            Command::Extend => engine.extend_focus(EXTEND_MINUTES * 60).await.map(drop),
            Command::Stop => engine.stop_focus().await.map(drop),
            Command::StopAndQuit => {
                // Stopped or already over: either way there is no block left to keep.
                let _ = engine.stop_focus().await;
                app.exit(0);
                Ok(())
            }
            Command::DoneForToday => engine.done_for_today().await.map(drop),
            Command::Resume => engine.clear_overrides().await,
            Command::WorkLate(hours) => engine.working_late_for(TimeDelta::hours(hours)).await.map(drop),
            Command::Proposal(Answer::Accept(start)) => engine.accept_proposal(start).await.map(drop),
            Command::Proposal(Answer::Skip(start)) => engine.skip_proposal(start).await,
        };
        // The menu only offers what makes sense, so this is a race with the deadline at most.
        if let Err(err) = result {
            lull_bus::show::show("Lull".into(), err.message, notify_rust::Urgency::Low);
        }
    });
}

enum Command {
    /// The preset in this slot of the Start focus submenu.
    Start(usize),
    Extend,
    Stop,
    StopAndQuit,
    WorkLate(i64),
    DoneForToday,
    Resume,
    Proposal(Answer),
}

/// The Start focus submenu: one item per preset of the settings, then Custom….
#[derive(Clone)]
pub struct Presets {
    app: AppHandle,
    start: Submenu<Wry>,
}

impl Presets {
    fn set(&self, minutes: &[u32]) {
        if let Err(err) = self.fill(minutes) {
            tracing::warn!("cannot update the tray's presets: {err}");
        }
    }

    /// Replaces the submenu's items with `minutes`' (ids `preset-0`, `preset-1`, …) and Custom….
    fn fill(&self, minutes: &[u32]) -> tauri::Result<()> {
        for item in self.start.items()? {
            self.start.remove(&item)?;
        }
        for (i, m) in minutes.iter().enumerate() {
            self.start.append(&MenuItem::with_id(
                &self.app,
                format!("preset-{i}"),
                preset_label(*m),
                true,
                None::<&str>,
            )?)?;
        }
        self.start.append(&MenuItem::with_id(&self.app, "start-custom", "Custom…", true, None::<&str>)?)
    }
}

/// Keeps the preset items in step with the settings.
pub async fn follow_presets(presets: Presets, engine: Engine) {
    use tokio::sync::broadcast::error::RecvError;
    let mut changes = engine.subscribe();
    if let Ok(settings) = engine.settings().await {
        presets.set(&settings.focus_presets);
    }
    loop {
        match changes.recv().await {
            Ok(lull_core::Change::SettingsChanged { settings }) => presets.set(&settings.focus_presets),
            Ok(_) | Err(RecvError::Lagged(_)) => {}
            Err(RecvError::Closed) => return,
        }
    }
}

/// "25 minutes", "1 hour", "1 h 30 min".
fn preset_label(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} minutes"),
        (1, 0) => "1 hour".to_owned(),
        (h, 0) => format!("{h} hours"),
        (h, m) => format!("{h} h {m} min"),
    }
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
            away_secs: 0,
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
    fn presets_read_as_people_say_them() {
        assert_eq!(preset_label(25), "25 minutes");
        assert_eq!(preset_label(60), "1 hour");
        assert_eq!(preset_label(90), "1 h 30 min");
        assert_eq!(preset_label(120), "2 hours");
    }

    #[test]
    fn the_header_of_a_profile_in_its_first_run_says_it_holds_nothing() {
        let now = Utc.with_ymd_and_hms(2026, 11, 25, 22, 0, 0).single().expect("valid");
        let mut status = Status {
            mode: Mode::Open,
            quiet_reason: None,
            away: None,
            meeting: None,
            presenting: None,
            next_change: None,
            block: None,
            block_breakthroughs: 0,
            held: 0,
            working_late_until: None,
            done_for_today_until: None,
            today: lull_core::TodaySummary::default(),
            proposals: Vec::new(),
            fault: None,
            first_run: true,
        };
        assert_eq!(mode_header(&status, now), "Not set up yet · holding nothing");
        status.first_run = false;
        assert_eq!(mode_header(&status, now), "Open");
        status.first_run = true;
        status.mode = Mode::Focus;
        assert_eq!(mode_header(&status, now), "Focusing", "a block the user started says so");
    }

    /// Noon on 25 November 2026 on this machine's clock, whatever its zone: the headers show
    /// local times, and a time a few minutes off stays on the same local day (the night pass
    /// runs the tests in a zone where a fixed UTC morning is just after midnight).
    fn local_noon() -> chrono::DateTime<Utc> {
        chrono::Local
            .with_ymd_and_hms(2026, 11, 25, 12, 0, 0)
            .earliest()
            .expect("noon exists")
            .with_timezone(&Utc)
    }

    #[test]
    fn the_header_says_since_when_and_how_the_user_is_away() {
        let now = local_noon();
        let since = now - TimeDelta::minutes(12);
        let away = lull_core::Away { presence: lull_core::Presence::Locked, since };
        let status = Status {
            mode: Mode::Quiet,
            quiet_reason: Some(lull_core::timeline::QuietReason::Away),
            away: Some(away),
            meeting: None,
            presenting: None,
            next_change: None,
            block: None,
            block_breakthroughs: 0,
            held: 2,
            working_late_until: None,
            done_for_today_until: None,
            today: lull_core::TodaySummary::default(),
            proposals: Vec::new(),
            fault: None,
            first_run: false,
        };
        let at = since.with_timezone(&chrono::Local).format("%H:%M");
        assert_eq!(mode_header(&status, now), format!("Away since {at} (screen locked) · 2 held"));
    }

    #[test]
    fn the_header_says_until_when_the_meeting_lasts_without_its_title() {
        let now = local_noon();
        let end = now + TimeDelta::minutes(45);
        let meeting = lull_core::calendar::Meeting {
            calendar: "work".into(),
            title: "Salary review".into(),
            start: now - TimeDelta::minutes(15),
            end,
        };
        let status = Status {
            mode: Mode::Quiet,
            quiet_reason: Some(QuietReason::Meeting),
            away: None,
            meeting: Some(meeting),
            presenting: None,
            next_change: Some(lull_core::ModeChange { at: end, mode: Mode::Open }),
            block: None,
            block_breakthroughs: 0,
            held: 1,
            working_late_until: None,
            done_for_today_until: None,
            today: lull_core::TodaySummary::default(),
            proposals: Vec::new(),
            fault: None,
            first_run: false,
        };
        let at = end.with_timezone(&chrono::Local).format("%H:%M");
        assert_eq!(mode_header(&status, now), format!("In a meeting until {at} · 1 held"));
    }

    #[test]
    fn the_header_says_since_when_the_screen_is_on_show() {
        let now = local_noon();
        let since = now - TimeDelta::minutes(12);
        let status = Status {
            mode: Mode::Quiet,
            quiet_reason: Some(QuietReason::Presenting),
            away: None,
            meeting: None,
            presenting: Some(lull_core::Presenting { screen: lull_core::Screen::Fullscreen, since }),
            next_change: None,
            block: None,
            block_breakthroughs: 0,
            held: 3,
            working_late_until: None,
            done_for_today_until: None,
            today: lull_core::TodaySummary::default(),
            proposals: Vec::new(),
            fault: None,
            first_run: false,
        };
        let at = since.with_timezone(&chrono::Local).format("%H:%M");
        assert_eq!(
            mode_header(&status, now),
            format!("Presenting since {at} (a fullscreen window) · 3 held")
        );
    }

    #[test]
    fn a_long_intent_is_shortened_with_an_ellipsis() {
        assert_eq!(ellipsis("short", 40), "short");
        assert_eq!(ellipsis(&"x".repeat(50), 10), format!("{}…", "x".repeat(9)));
    }
}
