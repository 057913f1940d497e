//! `lull setup`: the first run from a terminal (for `lull serve` and tiling desktops), the same
//! choices as the window's first-run flow: the work hours, and whether Lull may hold other apps'
//! notifications (capture and the desktop's do-not-disturb). Then the first run is finished, so
//! the hours and the holding take effect. At a prompt without flags it asks; with flags (or
//! `--yes`) it asks nothing. It writes through whoever owns the data directory
//! ([`crate::local`]).

use std::io::{self, BufRead, IsTerminal, Write};
use std::path::Path;

use chrono::Weekday;
use lull_core::work_hours::{Week, Window};
use lull_core::{Settings, TimeOfDay};
use serde_json::json;

use crate::cli::SetupArgs;
use crate::client::{CliError, Result, refusal_line};
use crate::local::{Owner, open, owner, settings_over_socket, with_instance};
use crate::say;

pub fn run(data_dir: &Path, args: SetupArgs) -> Result<()> {
    let mut settings = current(data_dir)?;
    let ask = !args.yes && args.hours.is_none() && args.hold.is_none() && io::stdin().is_terminal();
    if let Some(hours) = &args.hours {
        settings.work_hours.week = week(hours, &args.days).map_err(CliError::Io)?;
    }
    if let Some(hold) = args.hold {
        (settings.capture_desktop, settings.desktop_dnd) = (hold, hold);
    }
    if ask {
        interview(&mut settings)?;
    }
    apply(data_dir, &settings)?;
    say(&summary(&settings))
}

/// Asks the two questions at the prompt, each with what is set now as its default.
fn interview(settings: &mut Settings) -> Result<()> {
    let stdin = io::stdin();
    let mut lines = stdin.lock().lines();
    let mut ask = |question: &str| -> Result<String> {
        eprint!("{question} ");
        io::stderr().flush().map_err(|err| CliError::Io(err.to_string()))?;
        match lines.next() {
            Some(line) => line.map(|l| l.trim().to_owned()).map_err(|err| CliError::Io(err.to_string())),
            None => Ok(String::new()), // end of input: take the defaults
        }
    };
    loop {
        let now = describe_week(&settings.work_hours.week);
        let answer = ask(&format!("Work hours, Monday to Friday [{now}]:"))?;
        if answer.is_empty() {
            break;
        }
        match week(&answer, "mon-fri") {
            Ok(week) => {
                settings.work_hours.week = week;
                break;
            }
            Err(why) => eprintln!("{why}"),
        }
    }
    let default = if settings.capture_desktop { "Y/n" } else { "y/N" };
    let answer = ask(&format!(
        "Hold other apps' notifications while you focus and outside these hours (and switch the desktop's do-not-disturb)? [{default}]"
    ))?;
    if let Ok(hold) = crate::cli::yes_no_answer(&answer) {
        (settings.capture_desktop, settings.desktop_dnd) = (hold, hold);
    }
    Ok(())
}

fn current(data_dir: &Path) -> Result<Settings> {
    match owner(data_dir)? {
        Owner::Running { .. } => with_instance(data_dir, |client| client.get("/v1/settings", &json!({}))),
        Owner::Nobody(_claim) => Ok(open(data_dir)?.settings().clone()),
    }
}

/// Saves `settings` (hooks included: over the instance socket, not HTTP) and finishes the first run.
fn apply(data_dir: &Path, settings: &Settings) -> Result<()> {
    let refused = |message: &str, field: Option<&str>| {
        CliError::Io(format!("the settings were refused, nothing changed: {}", refusal_line(message, field)))
    };
    match owner(data_dir)? {
        Owner::Running { socket } => {
            let document = serde_json::to_string(settings).map_err(|err| CliError::Io(err.to_string()))?;
            settings_over_socket(&socket, &document)?
                .map_err(|err| refused(&err.message, err.field.as_deref()))?;
            let _: serde_json::Value =
                with_instance(data_dir, |client| client.post("/v1/first-run/finish", &json!({})))?;
        }
        Owner::Nobody(_claim) => {
            let mut lull = open(data_dir)?;
            lull.update_settings(settings.clone())
                .map_err(|err| refused(&err.message, err.field.as_deref()))?;
            lull.finish_first_run().map_err(|err| CliError::Io(err.message))?;
        }
    }
    Ok(())
}

/// `09:00-12:00,13:00-17:30` on `days` (`mon-fri`, or `mon,tue,thu`); the other days off.
pub fn week(hours: &str, days: &str) -> std::result::Result<Week, String> {
    let mut windows = Vec::new();
    for part in hours.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (start, end) =
            part.split_once('-').ok_or_else(|| format!("{part:?}: write a window as HH:MM-HH:MM"))?;
        let start: TimeOfDay = start.trim().parse().map_err(|err| format!("{part:?}: {err}"))?;
        let end: TimeOfDay = end.trim().parse().map_err(|err| format!("{part:?}: {err}"))?;
        windows.push(Window::new(start, end));
    }
    if windows.is_empty() {
        return Err("give at least one window, such as 09:00-17:30".to_owned());
    }
    let mut week = Week::default();
    for day in weekdays(days)? {
        *week.day_mut(day) = windows.clone();
    }
    Ok(week)
}

fn weekdays(days: &str) -> std::result::Result<Vec<Weekday>, String> {
    let parse =
        |d: &str| d.trim().parse::<Weekday>().map_err(|_| format!("{d:?} is not a day (mon, tue, …)"));
    if let Some((first, last)) = days.split_once('-') {
        let (first, last) = (parse(first)?, parse(last)?);
        let mut all = vec![first];
        let mut day = first;
        while day != last {
            day = day.succ();
            all.push(day);
        }
        return Ok(all);
    }
    days.split(',').map(parse).collect()
}

fn describe_week(week: &Week) -> String {
    let windows: Vec<String> =
        week.day(Weekday::Mon).iter().map(|w| format!("{}-{}", w.start, w.end)).collect();
    if windows.is_empty() { "none".to_owned() } else { windows.join(",") }
}

fn summary(settings: &Settings) -> String {
    let holding = if settings.capture_desktop {
        "holds other apps' notifications in Focus and Quiet"
    } else {
        "leaves other apps' notifications alone"
    };
    format!(
        "Lull is set up: Monday's hours {}; it {holding}. Give each tool a publish token: lull token new NAME",
        describe_week(&settings.work_hours.week)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_and_days_become_a_week() {
        let week = week("08:30-12:00, 13:00-17:00", "mon-thu").expect("valid");
        assert_eq!(week.day(Weekday::Thu).len(), 2);
        assert!(week.day(Weekday::Fri).is_empty(), "friday is off");
        assert_eq!(describe_week(&week), "08:30-12:00,13:00-17:00");
        let week = week_ok("09:00-17:30", "sat,sun");
        assert!(week.day(Weekday::Mon).is_empty() && week.day(Weekday::Sun).len() == 1);
        assert_eq!(week_ok("22:00-24:00", "fri-mon").day(Weekday::Sun).len(), 1, "a range wraps the week");
        for (hours, days) in
            [("9-5", "mon-fri"), ("09:00", "mon-fri"), ("", "mon-fri"), ("09:00-17:00", "mo-fr")]
        {
            assert!(super::week(hours, days).is_err(), "{hours:?} {days:?}");
        }
    }

    fn week_ok(hours: &str, days: &str) -> Week {
        week(hours, days).expect("valid")
    }
}
