//! Settings: what validation refuses, and reading a document written by another Lull.

use lull_core::settings::{Day, ScheduledBlock};
use lull_core::subscriptions::{GotifySubscription, ImapAccount, ImapTls, NtfyAuth, NtfySubscription};
use lull_core::{ErrorCode, Lull, Settings};

use crate::support::Fixture;

fn mornings(id: u32) -> ScheduledBlock {
    ScheduledBlock {
        id,
        days: vec![Day::Monday],
        start: "09:00".parse().expect("t"),
        end: "10:00".parse().expect("t"),
        intent: None,
    }
}

#[test]
fn a_review_time_of_24_00_is_refused_and_names_its_field() {
    let fx = Fixture::new();
    let mut lull = fx.lull();
    let settings =
        Settings { review_time: Some("24:00".parse().expect("a time of day")), ..Settings::default() };
    let err = lull.update_settings(settings).expect_err("24:00 is the end of a day, not a time to review at");
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::InvalidSettings, Some("review_time")), "{err}");
    assert_eq!(lull.settings(), &Settings::default(), "nothing changed");
    let late = Settings { review_time: Some("23:59".parse().expect("t")), ..Settings::default() };
    assert!(lull.update_settings(late).is_ok(), "23:59 is the latest review time");
}

#[test]
fn a_schedule_id_of_u32_max_is_refused_without_overflowing() {
    let fx = Fixture::new();
    let mut lull = fx.lull();
    for schedule in [
        vec![mornings(u32::MAX)],
        vec![mornings(u32::MAX), mornings(0)],
        vec![mornings(0), mornings(u32::MAX)],
    ] {
        let settings = Settings { schedule, ..Settings::default() };
        let err = lull.update_settings(settings).expect_err("refused");
        assert_eq!(err.code, ErrorCode::InvalidSchedule, "{err}");
        assert!(err.field.as_deref().is_some_and(|f| f.starts_with("schedule")), "names the block: {err:?}");
    }
    let highest = lull_core::settings::MAX_SCHEDULE_ID;
    let settings = Settings { schedule: vec![mornings(highest)], ..Settings::default() };
    assert!(lull.update_settings(settings).is_ok(), "the highest id is allowed on its own");
    let settings = Settings { schedule: vec![mornings(highest), mornings(0)], ..Settings::default() };
    let err = lull.update_settings(settings).expect_err("no id is left for the new block");
    assert_eq!(err.code, ErrorCode::InvalidSchedule, "{err}");
    assert_eq!(lull.settings().schedule, vec![mornings(highest)], "nothing changed");
}

#[test]
fn stored_settings_with_fields_this_lull_does_not_know_are_read_and_the_rest_kept() {
    let fx = Fixture::new();
    let mut settings = Settings { review_time: Some("16:45".parse().expect("t")), ..Settings::default() };
    settings.schedule.push(mornings(7));
    fx.lull().update_settings(settings.clone()).expect("valid");
    // A newer Lull added fields at several depths, then the user went back to this one.
    {
        let conn = rusqlite::Connection::open(fx.db()).expect("open");
        let json: String = conn.query_row("SELECT json FROM settings", [], |r| r.get(0)).expect("read");
        let mut doc: serde_json::Value = serde_json::from_str(&json).expect("json");
        doc["theme"] = "dark".into();
        doc["work_hours"]["lunch_reminder"] = true.into();
        doc["work_hours"]["week"]["holidays_region"] = "DE-BE".into();
        doc["schedule"][0]["colour"] = "#00ff00".into();
        doc["rules"][0]["sound"] = "chime".into();
        doc["delivery"] = serde_json::json!({"mode": "batched", "at": ["12:00"], "smart": true});
        conn.execute("UPDATE settings SET json = ?1", [doc.to_string()]).expect("write");
    }
    let (lull, _) = Lull::open(&fx.db(), std::sync::Arc::new(fx.clock.clone()))
        .expect("a downgrade is not a corrupt database");
    let read = lull.settings();
    assert_eq!(read.review_time, settings.review_time, "known fields are kept");
    assert_eq!(read.schedule, settings.schedule);
    assert_eq!(read.rules, settings.rules);
    assert_eq!(read.work_hours, settings.work_hours);
    assert_eq!(
        read.delivery,
        lull_core::settings::Delivery::Batched { every_minutes: None, at: vec!["12:00".parse().expect("t")] }
    );
}

#[test]
fn settings_sent_in_with_an_unknown_field_are_still_refused() {
    // The API and the app parse input with the types' own Deserialize: strict, so a typo is an
    // error rather than a setting silently ignored.
    for json in [
        serde_json::json!({"review_tim": "16:00"}),
        serde_json::json!({"work_hours": {"week": {}, "dayz_off": []}}),
        serde_json::json!({"schedule": [{"days": ["monday"], "start": "09:00", "end": "10:00", "x": 1}]}),
    ] {
        let err = serde_json::from_value::<Settings>(json.clone()).expect_err("refused");
        assert!(err.to_string().contains("unknown field"), "{json}: {err}");
    }
}

#[test]
fn a_batch_time_in_the_repeated_autumn_hour_comes_again_at_its_second_occurrence() {
    // New York, 1 November 2026: 01:30 local is 05:30 UTC (EDT) and again 06:30 UTC (EST).
    let batched =
        lull_core::settings::Delivery::Batched { every_minutes: None, at: vec!["01:30".parse().expect("t")] };
    let ny = chrono_tz::Tz::America__New_York;
    let at = |s: &str| s.parse::<chrono::DateTime<chrono::Utc>>().expect("instant");
    assert_eq!(batched.next_batch(ny, at("2026-11-01T05:00:00Z")), Some(at("2026-11-01T05:30:00Z")));
    assert_eq!(
        batched.next_batch(ny, at("2026-11-01T05:45:00Z")),
        Some(at("2026-11-01T06:30:00Z")),
        "01:45 EDT: the next 01:30 is in 45 minutes, not tomorrow"
    );
}

#[test]
fn batches_every_15_minutes_come_through_both_occurrences_of_the_repeated_autumn_hour() {
    let every = lull_core::settings::Delivery::Batched { every_minutes: Some(15), at: vec![] };
    let ny = chrono_tz::Tz::America__New_York;
    let at = |s: &str| s.parse::<chrono::DateTime<chrono::Utc>>().expect("instant");
    let mut t = at("2026-11-01T04:50:00Z"); // 00:50 EDT
    let mut batches = Vec::new();
    while let Some(next) = every.next_batch(ny, t).filter(|&b| b <= at("2026-11-01T07:00:00Z")) {
        batches.push(next);
        t = next;
    }
    let expected: Vec<_> =
        (0..9).map(|i| at("2026-11-01T05:00:00Z") + chrono::TimeDelta::minutes(15 * i)).collect();
    assert_eq!(batches, expected, "every 15 real minutes from 01:00 EDT to 02:00 EST");
}

fn ntfy(id: &str, server: &str, topics: &[&str]) -> NtfySubscription {
    NtfySubscription {
        id: id.into(),
        server: server.into(),
        topics: topics.iter().map(|t| (*t).to_owned()).collect(),
        auth: NtfyAuth::None,
        enabled: true,
    }
}

#[test]
fn ntfy_subscriptions_are_checked_with_the_settings_and_each_fault_names_its_subscription() {
    let fx = Fixture::new();
    let mut lull = fx.lull();
    let cases = [
        (vec![ntfy("home", "ftp://ntfy.sh", &["a"])], "ntfy[0]"),
        (vec![ntfy("home", "https://", &["a"])], "ntfy[0]"),
        (vec![ntfy("home", "https://ntfy.sh?x=1", &["a"])], "ntfy[0]"),
        (vec![ntfy("home", "https://ntfy.sh", &[])], "ntfy[0]"),
        (vec![ntfy("home", "https://ntfy.sh", &["no spaces"])], "ntfy[0]"),
        (vec![ntfy("home", "https://ntfy.sh", &["../admin"])], "ntfy[0]"),
        (vec![ntfy("", "https://ntfy.sh", &["a"])], "ntfy[0]"),
        (vec![ntfy("h/../x", "https://ntfy.sh", &["a"])], "ntfy[0]"),
        (vec![ntfy("home", "https://ntfy.sh", &["a"]), ntfy("home", "https://x.org", &["b"])], "ntfy[1]"),
        (
            vec![NtfySubscription {
                auth: NtfyAuth::Basic { user: "phil:admin".into() },
                ..ntfy("home", "https://ntfy.sh", &["a"])
            }],
            "ntfy[0]",
        ),
    ];
    for (subscriptions, field) in cases {
        let settings = Settings { ntfy: subscriptions.clone(), ..Settings::default() };
        let err = lull.update_settings(settings).expect_err("refused");
        assert_eq!(
            (err.code, err.field.as_deref()),
            (ErrorCode::InvalidSettings, Some(field)),
            "{subscriptions:?}: {err}"
        );
        assert_eq!(lull.settings(), &Settings::default(), "nothing changed");
    }
    let fine = Settings {
        ntfy: vec![ntfy(" home ", "https://ntfy.example.org/ ", &["alerts", " ci", "alerts"])],
        ..Settings::default()
    };
    let saved = lull.update_settings(fine).expect("a valid subscription");
    assert_eq!(saved.ntfy[0].id, "home");
    assert_eq!(saved.ntfy[0].server, "https://ntfy.example.org", "trimmed, without its trailing /");
    assert_eq!(saved.ntfy[0].topics, ["alerts", "ci"], "trimmed, each once");
    let too_many = Settings {
        ntfy: (0..=lull_core::subscriptions::MAX_NTFY_SUBSCRIPTIONS)
            .map(|i| ntfy(&format!("s{i}"), "https://ntfy.sh", &["a"]))
            .collect(),
        ..Settings::default()
    };
    assert_eq!(lull.update_settings(too_many).expect_err("refused").field.as_deref(), Some("ntfy"));
}

#[test]
fn a_settings_document_without_ntfy_subscriptions_reads_as_none() {
    let old: Settings = serde_json::from_str("{}").expect("an empty document is the defaults");
    assert!(old.ntfy.is_empty());
    let with: Settings =
        serde_json::from_str(r#"{"ntfy": [{"id": "h", "server": "https://ntfy.sh", "topics": ["t"]}]}"#)
            .expect("auth and enabled have defaults");
    assert_eq!((&with.ntfy[0].auth, with.ntfy[0].enabled), (&NtfyAuth::None, true));
}

#[test]
fn a_source_cursor_survives_a_restart_and_bad_keys_are_refused() {
    let fx = Fixture::new();
    let mut lull = fx.lull();
    assert_eq!(lull.source_cursor("ntfy/home").expect("reads"), None);
    lull.save_source_cursor("ntfy/home", Some("sPs71M8A2T1y")).expect("saved");
    drop(lull);
    let mut lull = fx.lull();
    assert_eq!(lull.source_cursor("ntfy/home").expect("reads").as_deref(), Some("sPs71M8A2T1y"));
    lull.save_source_cursor("ntfy/home", None).expect("forgotten");
    assert_eq!(lull.source_cursor("ntfy/home").expect("reads"), None);
    let long = "x".repeat(513);
    assert_eq!(
        lull.save_source_cursor("", Some("a")).expect_err("empty key").code,
        ErrorCode::InvalidRequest
    );
    assert_eq!(
        lull.save_source_cursor(&long, Some("a")).expect_err("long key").code,
        ErrorCode::InvalidRequest
    );
    assert_eq!(
        lull.save_source_cursor("k", Some(&long)).expect_err("long cursor").code,
        ErrorCode::InvalidRequest
    );
}

#[test]
fn gotify_servers_are_checked_with_the_settings() {
    let fx = Fixture::new();
    let mut lull = fx.lull();
    let server =
        |id: &str, url: &str| GotifySubscription { id: id.into(), server: url.into(), enabled: true };
    for (servers, field) in [
        (vec![server("nas", "gotify.local")], "gotify[0]"),
        (vec![server("", "https://gotify.local")], "gotify[0]"),
        (vec![server("nas", "https://a.org"), server("nas", "https://b.org")], "gotify[1]"),
    ] {
        let err =
            lull.update_settings(Settings { gotify: servers, ..Settings::default() }).expect_err("refused");
        assert_eq!((err.code, err.field.as_deref()), (ErrorCode::InvalidSettings, Some(field)), "{err}");
    }
    let saved = lull
        .update_settings(Settings {
            gotify: vec![server(" nas ", "https://gotify.local/ ")],
            ..Settings::default()
        })
        .expect("valid");
    assert_eq!(
        (saved.gotify[0].id.as_str(), saved.gotify[0].server.as_str()),
        ("nas", "https://gotify.local")
    );
    assert_eq!(lull_core::subscriptions::secret_key("gotify/nas").ok().as_deref(), Some("source/gotify/nas"));
}

#[test]
fn mail_accounts_are_checked_with_the_settings_and_keep_no_password() {
    let fx = Fixture::new();
    let mut lull = fx.lull();
    let account = |id: &str| -> ImapAccount {
        serde_json::from_value(serde_json::json!({
            "id": id, "host": " IMAP.Example.org. ", "port": 993, "user": " me@example.org "
        }))
        .expect("everything else has a default")
    };
    let defaults = account("work");
    assert_eq!(defaults.folders, ["INBOX"], "INBOX when no folder is named");
    assert_eq!((defaults.tls, defaults.poll_minutes, defaults.notify), (ImapTls::Implicit, 5, false));
    let with = |change: &dyn Fn(&mut ImapAccount)| {
        let mut a = account("work");
        change(&mut a);
        a
    };
    let bad = [
        (vec![with(&|a| a.id = "no spaces".into())], "imap[0]"),
        (vec![with(&|a| a.host = "bad host".into())], "imap[0]"),
        (vec![with(&|a| a.port = 0)], "imap[0]"),
        (vec![with(&|a| a.user = String::new())], "imap[0]"),
        (vec![with(&|a| a.folders = vec!["a\"b".into()])], "imap[0]"),
        (vec![with(&|a| a.folders = (0..9).map(|n| format!("f{n}")).collect())], "imap[0]"),
        (vec![with(&|a| a.poll_minutes = 0)], "imap[0]"),
        (vec![with(&|a| a.link = Some("https://mail.example.org/search".into()))], "imap[0]"),
        (vec![with(&|a| a.link = Some("javascript:{message_id}".into()))], "imap[0]"),
        (vec![with(&|a| a.certificate = Some("not pem".into()))], "imap[0]"),
        (vec![account("work"), account("work")], "imap[1]"),
    ];
    for (accounts, field) in bad {
        let err =
            lull.update_settings(Settings { imap: accounts, ..Settings::default() }).expect_err("refused");
        assert_eq!((err.code, err.field.as_deref()), (ErrorCode::InvalidSettings, Some(field)), "{err}");
    }
    let saved = lull
        .update_settings(Settings {
            imap: vec![with(&|a| {
                a.folders = vec![" INBOX ".into(), "Lists".into(), "Lists".into(), "Entwürfe".into()];
                a.link = Some("https://mail.example.org/#search/rfc822msgid:{message_id}".into());
            })],
            ..Settings::default()
        })
        .expect("valid");
    let saved = &saved.imap[0];
    assert_eq!((saved.host.as_str(), saved.user.as_str()), ("imap.example.org", "me@example.org"));
    assert_eq!(saved.folders, ["INBOX", "Lists", "Entwürfe"], "trimmed, each once");
    assert_eq!(
        saved.link_for("a+b/c@example.org"),
        "https://mail.example.org/#search/rfc822msgid:a%2Bb%2Fc@example.org"
    );
    assert_eq!(account("work").link_for("x@y"), "mid:x@y");
    assert_eq!(lull_core::subscriptions::secret_key("imap/work").ok().as_deref(), Some("source/imap/work"));
    let json = serde_json::to_string(&lull.settings()).expect("settings serialize");
    assert!(!json.contains("password") && !json.contains("secret"), "no credential in the settings: {json}");
}
