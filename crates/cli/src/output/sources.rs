//! `lull sources`: one line per place messages come from, with how it is doing.

use chrono::{DateTime, Utc};
use lull_core::{
    DesktopReport, PresenceReport, SecretsReport, SourceState, SourceStatus, SubscriptionStatus,
};

use super::{Zone, clock};

/// The table: the API first, then other apps' notifications, then every remote subscription
/// (ntfy topics, Gotify servers, mail folders, calendars) by its id.
pub fn sources<Z: Zone>(api: &str, desktop: Option<&DesktopReport>, now: DateTime<Utc>, zone: &Z) -> String {
    let mut rows = vec![("API".to_owned(), format!("listening on {api}"))];
    let Some(desktop) = desktop else {
        rows.push(("Other sources".into(), "not followed by this instance (a bare API server)".into()));
        return table(&rows);
    };
    rows.push(("Desktop notifications".into(), state(&desktop.capture, now, zone)));
    let remote = [
        ("ntfy", &desktop.ntfy),
        ("Gotify", &desktop.gotify),
        ("Mail", &desktop.imap),
        ("Calendar", &desktop.calendars),
    ];
    let mut any = false;
    for (kind, subscriptions) in remote {
        for SubscriptionStatus { id, status } in subscriptions {
            rows.push((format!("{kind} {id}"), state(status, now, zone)));
            any = true;
        }
    }
    let secrets = match &desktop.secrets {
        Some(SecretsReport::SecretService) => "in the desktop's keyring (Secret Service)".to_owned(),
        Some(SecretsReport::File { path }) => format!("in {path} (mode 0600): no Secret Service runs"),
        None => "not needed yet".to_owned(),
    };
    rows.push(("Passwords and tokens".into(), secrets));
    rows.push(("Away".into(), presence(&desktop.presence)));
    rows.push(("Presenting".into(), presenting(&desktop.presence)));
    let mut out = table(&rows);
    if !any {
        out.push_str(
            "\nNo ntfy topics, Gotify servers, mail accounts or calendars yet: add them in Settings › Sources.",
        );
    }
    out
}

/// Which desktop interfaces tell Lull that the user is away: "screen lock from
/// org.gnome.ScreenSaver, sleep from logind, idle time from X11".
pub(super) fn presence(report: &PresenceReport) -> String {
    let mut said = Vec::new();
    if !report.lock.is_empty() {
        said.push(format!("screen lock from {}", report.lock.join(" and ")));
    }
    if let Some(sleep) = &report.sleep {
        said.push(format!("sleep from {sleep}"));
    }
    if let Some(idle) = &report.idle {
        said.push(format!("idle time from {idle}"));
    }
    if said.is_empty() {
        "nothing on this desktop says when you are away (no screen locker, logind, Mutter or X11 answers)"
            .to_owned()
    } else {
        said.join(", ")
    }
}

/// Which desktop interfaces tell Lull that the screen is on show: "fullscreen windows from X11,
/// screen sharing from org.gnome.Mutter.ScreenCast".
fn presenting(report: &PresenceReport) -> String {
    let said: Vec<String> = [
        report.screen.as_ref().map(|by| format!("fullscreen windows from {by}")),
        report.share.as_ref().map(|by| format!("screen sharing from {by}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    if said.is_empty() {
        "nothing on this desktop says when a window is fullscreen or the screen is shared".to_owned()
    } else {
        said.join(", ")
    }
}

fn state<Z: Zone>(status: &SourceStatus, now: DateTime<Utc>, zone: &Z) -> String {
    let word = match status.state {
        SourceState::Off => "off",
        SourceState::Starting => "connecting",
        SourceState::Running => "running",
        SourceState::Refused => "refused",
        SourceState::Unavailable => "unavailable",
        SourceState::Unreachable => "unreachable",
    };
    let since = match (status.state, status.since) {
        (SourceState::Unreachable, Some(since)) => format!(" since {}", clock(since, now, zone)),
        _ => String::new(),
    };
    match &status.detail {
        Some(detail) => format!("{word}{since}: {detail}"),
        None => format!("{word}{since}"),
    }
}

fn table(rows: &[(String, String)]) -> String {
    let width = rows.iter().map(|(name, _)| name.chars().count()).max().unwrap_or(0);
    let lines: Vec<String> = rows.iter().map(|(name, state)| format!("{name:<width$}  {state}")).collect();
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{now, utc, zone};
    use super::*;

    fn report() -> DesktopReport {
        serde_json::from_value(serde_json::json!({
            "capture": {"state": "running", "detail": null},
            "dnd": {"adapter": "dunst", "on": false, "users": false, "detail": null},
        }))
        .expect("a desktop report")
    }

    #[test]
    fn every_source_has_a_line_and_an_outage_says_since_when() {
        let mut desktop = report();
        let sub = |id: &str, status| SubscriptionStatus { id: id.into(), status };
        desktop.ntfy = vec![sub("home", SourceStatus::new(SourceState::Running, None))];
        desktop.imap = vec![
            sub("work/INBOX", SourceStatus::new(SourceState::Refused, Some("wrong password".into()))),
            sub(
                "work/Lists",
                SourceStatus::unreachable("connection refused".into(), utc("2026-11-24T08:05:00Z")),
            ),
        ];
        desktop.calendars =
            vec![sub("work", SourceStatus::new(SourceState::Running, Some("12 events".into())))];
        let said = sources("http://127.0.0.1:8737", Some(&desktop), now(), &zone());
        assert_eq!(
            said,
            "API                    listening on http://127.0.0.1:8737\n\
             Desktop notifications  running\n\
             ntfy home              running\n\
             Mail work/INBOX        refused: wrong password\n\
             Mail work/Lists        unreachable since 09:05: connection refused\n\
             Calendar work          running: 12 events\n\
             Passwords and tokens   not needed yet\n\
             Away                   nothing on this desktop says when you are away (no screen locker, logind, Mutter or X11 answers)\n\
             Presenting             nothing on this desktop says when a window is fullscreen or the screen is shared"
        );
    }

    #[test]
    fn the_away_line_names_what_says_the_screen_is_locked_the_machine_sleeps_and_the_user_idles() {
        let mut desktop = report();
        desktop.presence = PresenceReport {
            lock: vec!["logind".into(), "org.gnome.ScreenSaver".into()],
            sleep: Some("logind".into()),
            idle: Some("X11".into()),
            screen: Some("X11".into()),
            share: Some("org.gnome.Mutter.ScreenCast".into()),
        };
        let said = sources("http://127.0.0.1:8737", Some(&desktop), now(), &zone());
        assert!(
            said.contains(
                "Away                   screen lock from logind and org.gnome.ScreenSaver, sleep from logind, idle time from X11"
            ),
            "{said}"
        );
        assert!(
            said.contains(
                "Presenting             fullscreen windows from X11, screen sharing from org.gnome.Mutter.ScreenCast"
            ),
            "{said}"
        );
    }

    #[test]
    fn a_headless_instance_says_its_secrets_are_in_a_file() {
        let mut desktop = report();
        desktop.secrets = Some(SecretsReport::File { path: "/home/me/.config/lull/secrets.json".into() });
        let said = sources("http://127.0.0.1:8737", Some(&desktop), now(), &zone());
        assert!(
            said.contains("Passwords and tokens   in /home/me/.config/lull/secrets.json (mode 0600): no Secret Service runs"),
            "{said}"
        );
    }

    #[test]
    fn with_no_subscriptions_it_says_where_to_add_them() {
        let said = sources("http://127.0.0.1:8737", Some(&report()), now(), &zone());
        assert!(said.ends_with("add them in Settings › Sources."), "{said}");
        let bare = sources("http://127.0.0.1:8737", None, now(), &zone());
        assert!(bare.contains("not followed by this instance"), "{bare}");
    }
}
