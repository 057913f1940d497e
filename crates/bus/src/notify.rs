//! Desktop notifications Lull sends: what the engine decided, shown. The same under the desktop
//! app and headless `lull serve` (tiling desktops run a notification daemon too).
//!
//! One notification per delivered message, exactly one per digest (never one per held message),
//! the daily review reminder and the block-complete notice. It follows the engine; sending each
//! one is [`crate::show`]'s, getting past do-not-disturb [`crate::dnd`]'s.

use lull_core::Engine;
use lull_core::block::human_secs;
use lull_core::{Change, Decision, Digest, FocusBlock, Message, MessageState, Outcome, Source};
use notify_rust::Urgency;
use tokio::sync::broadcast;
use tokio::sync::broadcast::error::{RecvError, TryRecvError};

use crate::dnd::Dnd;
use crate::show::{Notice, Opener, show_and_confirm, show_with};

/// Shows a notification for every change that warrants one, until the engine stops.
///
/// Messages that arrive together are shown together: after the first, the notifier waits a
/// moment (`GATHER`) and shows everything that came meanwhile as one notification, so a burst of
/// fifty makes one popup, not fifty. The wait only happens when messages arrive.
///
/// Digests, the block's end and the other transitions come on their own stream
/// ([`Engine::subscribe_transitions`]), which a flood of messages cannot push out: a digest is
/// never skipped because thousands of messages arrived around it. Each digest is recorded as
/// announced once it was shown (a restart shows one that was not). If even that stream lagged,
/// the owed digests are read back from the engine.
///
/// Breakthroughs go through [`Dnd`], which gets them past the desktop's do-not-disturb; every
/// other notice waits until do-not-disturb follows the mode, so a digest is never shown into a
/// daemon that is still paused. The receivers are subscribed by the caller before the engine
/// task starts, so that the digest of a block that ended while Lull was down (published at start)
/// is not missed.
pub async fn run(engine: Engine, streams: Streams, dnd: Dnd, opener: Option<Opener>) {
    let Streams { mut transitions, mut messages } = streams;
    let mut shown = ShownDigests::default();
    let mut prefs = Preferences::default();
    if let Ok(settings) = engine.settings().await {
        prefs.follow(&settings);
    }
    while let Some(mut sorted) = next_batch(&mut transitions, &mut messages, &mut prefs).await {
        if sorted.catch_up {
            tracing::warn!("notifications: fell behind; reading the owed digests back");
            if let Ok(owed) = engine.unannounced_digests().await {
                sorted.digests.extend(owed);
            }
        }
        sorted.digests.retain(|digest| !shown.contains(digest.id));
        sorted.digests.dedup_by_key(|digest| digest.id);
        if !sorted.digests.is_empty() {
            // The digest says the block is over; a second popup beside it would be noise.
            sorted.others.retain(|(summary, ..)| summary != BLOCK_COMPLETE);
        }
        let digests = std::mem::take(&mut sorted.digests);
        let mut rest: Vec<Notice> =
            group(sorted.messages, sorted.missed).into_iter().chain(sorted.others).collect();
        if prefs.private_on_show && engine.status().presenting.is_some() {
            sorted.breakthroughs = private(std::mem::take(&mut sorted.breakthroughs));
            rest = private(rest);
        }
        for notice in sorted.breakthroughs {
            dnd.breakthrough(notice).await;
        }
        if !rest.is_empty() || !digests.is_empty() {
            dnd.settle().await;
        }
        for digest in digests {
            // Recorded once the daemon took it (or said it cannot show anything: a server with
            // no daemon must not owe the same digest at every start).
            show_and_confirm(digest_notice(&digest), opener.clone()).await;
            shown.insert(digest.id);
            if let Err(err) = engine.digest_announced(digest.id).await {
                tracing::warn!("cannot record that digest {} was shown: {err}", digest.id);
            }
        }
        for notice in rest {
            show_with(notice, opener.clone());
        }
    }
}

/// Waits for the next change and takes what belongs with it; `None` once the engine is gone.
///
/// What the engine published in the same step (a block's end, then its digest) is sent one change
/// after the other, and this task may wake between the two: so a block's end that comes without
/// its digest, and any message, waits [`GATHER`] for the rest, which then makes one notification.
async fn next_batch(
    transitions: &mut broadcast::Receiver<Change>,
    messages: &mut broadcast::Receiver<Change>,
    prefs: &mut Preferences,
) -> Option<Sorted> {
    let mut sorted = Sorted::default();
    // Wait for the first change worth showing; a transition seen on the message stream is not
    // one (it comes on its own stream), so it is passed over.
    let mut taken = false;
    while !taken {
        taken = tokio::select! {
            biased;
            change = transitions.recv() => match change {
                Ok(change) => { sorted.add(&change, prefs); true }
                Err(RecvError::Lagged(_)) => { sorted.catch_up = true; true }
                Err(RecvError::Closed) => return None,
            },
            change = messages.recv() => match change {
                Ok(change) if is_message(&change) => { sorted.add(&change, prefs); true }
                Ok(_) => false,
                Err(RecvError::Lagged(missed)) => { sorted.missed += missed; true }
                Err(RecvError::Closed) => return None,
            },
        };
    }
    drain(transitions, messages, &mut sorted, prefs);
    if sorted.has_messages() || sorted.awaits_digest() {
        tokio::time::sleep(GATHER).await;
        drain(transitions, messages, &mut sorted, prefs);
    }
    Some(sorted)
}

/// The two streams the notifier reads, subscribed before the engine starts.
#[derive(Debug)]
pub struct Streams {
    transitions: broadcast::Receiver<Change>,
    messages: broadcast::Receiver<Change>,
}

impl Streams {
    pub fn subscribe(engine: &Engine) -> Self {
        Self { transitions: engine.subscribe_transitions(), messages: engine.subscribe() }
    }
}

/// Takes everything already waiting on both streams.
fn drain(
    transitions: &mut broadcast::Receiver<Change>,
    messages: &mut broadcast::Receiver<Change>,
    sorted: &mut Sorted,
    prefs: &mut Preferences,
) {
    loop {
        match transitions.try_recv() {
            Ok(change) => sorted.add(&change, prefs),
            Err(TryRecvError::Lagged(_)) => sorted.catch_up = true,
            Err(_) => break,
        }
    }
    loop {
        match messages.try_recv() {
            Ok(change) if is_message(&change) => sorted.add(&change, prefs),
            Ok(_) => {}
            Err(TryRecvError::Lagged(missed)) => sorted.missed += missed,
            Err(_) => break,
        }
    }
}

/// The settings the notifier follows: the mail accounts whose new mail Lull notifies while Open
/// (`ImapAccount::notify`; the others' is only recorded, as their mail client shows it), and
/// whether a screen on show hides what pops up (`ScreenSettings::quiet`).
#[derive(Debug)]
struct Preferences {
    notified_mail: std::collections::HashSet<String>,
    private_on_show: bool,
}

impl Default for Preferences {
    fn default() -> Self {
        Self { notified_mail: std::collections::HashSet::new(), private_on_show: true }
    }
}

impl Preferences {
    fn follow(&mut self, settings: &lull_core::Settings) {
        self.notified_mail = settings.imap.iter().filter(|a| a.notify).map(|a| a.id.clone()).collect();
        self.private_on_show = settings.screens.quiet;
    }

    fn recorded_only(&self, message: &Message) -> bool {
        let account = message.source_detail.as_deref().map(|d| d.split('/').next().unwrap_or(d));
        message.source == Source::Imap
            && message.state == MessageState::Delivered
            && !account.is_some_and(|a| self.notified_mail.contains(a))
    }
}

/// The ids of the last digests shown, so that one read back after a lag is not shown twice.
#[derive(Default)]
struct ShownDigests(std::collections::VecDeque<i64>);

impl ShownDigests {
    fn contains(&self, id: i64) -> bool {
        self.0.contains(&id)
    }

    fn insert(&mut self, id: i64) {
        if self.0.len() == 64 {
            self.0.pop_front();
        }
        self.0.push_back(id);
    }
}

/// A change's notices: breakthroughs, messages (which may be grouped), digests and the others.
#[derive(Default)]
struct Sorted {
    digests: Vec<Digest>,
    breakthroughs: Vec<Notice>,
    messages: Vec<Notice>,
    /// Messages that came too fast to be read one by one: counted into the grouped notice.
    missed: u64,
    /// The transitions stream lagged (it never should): read the owed digests back.
    catch_up: bool,
    others: Vec<Notice>,
}

impl Sorted {
    fn has_messages(&self) -> bool {
        !self.messages.is_empty() || !self.breakthroughs.is_empty() || self.missed > 0
    }

    /// A block ended completed and no digest came with it yet: one may be on its way.
    fn awaits_digest(&self) -> bool {
        self.digests.is_empty() && self.others.iter().any(|(summary, ..)| summary == BLOCK_COMPLETE)
    }

    fn add(&mut self, change: &Change, prefs: &mut Preferences) {
        match change {
            Change::Digest { digest } => {
                self.digests.push(digest.clone());
                return;
            }
            Change::SettingsChanged { settings } => prefs.follow(settings),
            // The user's mail client says it has new mail: Lull only records it, unless the
            // account asks Lull to notify.
            Change::Received { message } if prefs.recorded_only(message) => return,
            _ => {}
        }
        let notices = notifications_for(change);
        match change {
            Change::Received { message } if message.decision == Decision::BrokeThrough => {
                self.breakthroughs.extend(notices);
            }
            // Said past do-not-disturb, which the block is about to switch on: dunst would
            // otherwise queue it and show it when the block is over.
            Change::Started { block } if block.schedule_id.is_some() => self.breakthroughs.extend(notices),
            change if is_message(change) => self.messages.extend(notices),
            _ => self.others.extend(notices),
        }
    }
}

/// How long the notifier gathers messages that arrive together.
const GATHER: std::time::Duration = std::time::Duration::from_millis(300);
/// More message notices than this at once become one grouped notice.
const MAX_SINGLE: usize = 3;

fn is_message(change: &Change) -> bool {
    matches!(change, Change::Received { .. } | Change::Resurfaced { .. })
}

/// Collapses many message notices into one ("12 new messages" over who sent them). Critical ones
/// (priority 5) are always shown on their own.
/// `missed` more arrived too fast to be read and are counted in.
fn group(notices: Vec<Notice>, missed: u64) -> Vec<Notice> {
    let (critical, messages): (Vec<_>, Vec<_>) =
        notices.into_iter().partition(|(_, _, u, _)| *u == Urgency::Critical);
    if messages.len() <= MAX_SINGLE && missed == 0 {
        return critical.into_iter().chain(messages).collect();
    }
    let mut senders: Vec<(String, usize)> = Vec::new();
    for (summary, ..) in &messages {
        let who = summary.split(": ").next().unwrap_or_default().to_owned();
        match senders.iter_mut().find(|(s, _)| *s == who) {
            Some((_, n)) => *n += 1,
            None => senders.push((who, 1)),
        }
    }
    senders.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    let named: Vec<String> = senders.iter().take(3).map(|(who, n)| format!("{n} from {who}")).collect();
    let more = if senders.len() > 3 || missed > 0 { " …" } else { "" };
    let grouped = (
        format!("{} new messages", messages.len() as u64 + missed),
        format!("{}{more}", named.join(", ")),
        Urgency::Normal,
        Some("inbox"),
    );
    critical.into_iter().chain(std::iter::once(grouped)).collect()
}

/// What pops up while the screen is on show (a fullscreen window has the focus, or it is shared):
/// one notice that says how many, and nothing of what they are about. The most urgent decides
/// its urgency, so a breakthrough still gets past do-not-disturb.
fn private(notices: Vec<Notice>) -> Vec<Notice> {
    let Some(urgency) = notices.iter().map(|(_, _, u, _)| *u).max_by_key(|u| urgency_rank(*u)) else {
        return notices;
    };
    let summary = match notices.len() {
        1 => "1 notice from Lull".to_owned(),
        n => format!("{n} notices from Lull"),
    };
    let body = "Hidden while your screen is on show; open Lull to read it.".to_owned();
    vec![(summary, body, urgency, Some("inbox"))]
}

fn urgency_rank(urgency: Urgency) -> u8 {
    match urgency {
        Urgency::Low => 0,
        Urgency::Normal => 1,
        Urgency::Critical => 2,
    }
}

/// What to show for a change: (summary, body, urgency) each.
pub fn notifications_for(change: &Change) -> Vec<Notice> {
    match change {
        Change::Started { block } if block.schedule_id.is_some() => {
            let minutes = block.planned_secs / 60;
            let body = match &block.intent {
                Some(intent) => format!("{minutes} min on {intent}; messages wait until it ends"),
                None => format!("{minutes} min; messages wait until it ends"),
            };
            vec![("Scheduled focus block started".to_owned(), body, Urgency::Low, Some("focus"))]
        }
        Change::Ended { block, while_away: false } if block.outcome == Some(Outcome::Completed) => {
            let (summary, body) = block_complete(block);
            vec![(summary, body, Urgency::Normal, None)]
        }
        // A captured desktop notification that is delivered was shown by the user's daemon
        // already: never a second time.
        Change::Received { message }
            if message.state == MessageState::Delivered && message.source != Source::Desktop =>
        {
            vec![message_notice(message)]
        }
        Change::Resurfaced { messages } => messages.iter().map(message_notice).collect(),
        // A pin's due date: said once, as a reminder, whatever the message's priority.
        Change::PinsDue { messages } => messages
            .iter()
            .map(|message| {
                let (summary, body, ..) = message_notice(message);
                (format!("Due now: {summary}"), body, Urgency::Normal, Some("inbox"))
            })
            .collect(),
        Change::Digest { digest } => vec![digest_notice(digest)],
        Change::ReviewDue { count } => {
            let body = match count {
                0 => "Nothing to triage today.".to_owned(),
                1 => "1 message to triage.".to_owned(),
                n => format!("{n} messages to triage."),
            };
            vec![("Daily review".to_owned(), body, Urgency::Normal, Some("inbox"))]
        }
        _ => Vec::new(),
    }
}

/// A delivered message: its title (or sender) over its body; priority 5 is critical, 1–2 low.
fn message_notice(message: &Message) -> Notice {
    let from = message
        .sender
        .clone()
        .or_else(|| message.source_detail.clone())
        .unwrap_or_else(|| message.source.as_str().to_owned());
    let summary = match &message.title {
        Some(title) => format!("{from}: {title}"),
        None => from,
    };
    let body: String = message.body.chars().take(400).collect();
    let urgency = match message.priority {
        5 => Urgency::Critical,
        1 | 2 => Urgency::Low,
        _ => Urgency::Normal,
    };
    (summary, body, urgency, Some("inbox"))
}

/// "14 held while you focused" over "6 from CI, 3 from Alice …".
fn digest_notice(digest: &Digest) -> Notice {
    let (headline, groups) = digest.text.split_once(": ").unwrap_or((&digest.text, ""));
    (headline.to_owned(), groups.to_owned(), Urgency::Normal, Some("inbox"))
}

const BLOCK_COMPLETE: &str = "Focus block complete";

/// "Focus block complete" / "50 min on draft the Q3 report".
pub fn block_complete(block: &FocusBlock) -> (String, String) {
    let length = human_secs(block.planned_secs);
    let body = match &block.intent {
        Some(intent) => format!("{length} on {intent}"),
        None => format!("{length} of focus"),
    };
    (BLOCK_COMPLETE.to_owned(), body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn block(intent: Option<&str>, secs: i64) -> FocusBlock {
        let start = Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).single().expect("valid");
        FocusBlock {
            id: 1,
            started_at: start,
            deadline: start + chrono::TimeDelta::seconds(secs),
            intent: intent.map(str::to_owned),
            planned_secs: secs,
            ended_at: Some(start + chrono::TimeDelta::seconds(secs)),
            outcome: Some(Outcome::Completed),
            schedule_id: None,
            away_secs: 0,
        }
    }

    fn pinned(title: &str, priority: u8) -> Message {
        serde_json::from_value(serde_json::json!({
            "id": 7, "source": "api", "source_detail": null, "sender": "Alice", "title": title,
            "body": "the contract", "link": null, "priority": priority, "tags": [], "thread": null,
            "dedupe_key": null, "received_at": "2026-11-25T09:00:00Z", "state": "delivered",
            "decision": "delivered", "block_id": null, "delivered_at": "2026-11-25T09:00:00Z",
            "released_at": null, "done_at": null, "snoozed_until": null, "pinned": true,
            "pin_due": "2026-11-25T10:00:00Z", "digest_id": null, "via": null
        }))
        .expect("a message")
    }

    #[test]
    fn a_pin_falling_due_is_one_reminder_that_opens_the_inbox_whatever_its_priority() {
        let change = Change::PinsDue { messages: vec![pinned("Sign it", 5), pinned("Send it", 3)] };
        let notices = notifications_for(&change);
        let said: Vec<(&str, Urgency, Option<&str>)> =
            notices.iter().map(|(summary, _, urgency, view)| (summary.as_str(), *urgency, *view)).collect();
        assert_eq!(
            said,
            vec![
                ("Due now: Alice: Sign it", Urgency::Normal, Some("inbox")),
                ("Due now: Alice: Send it", Urgency::Normal, Some("inbox")),
            ],
            "a reminder, not an alarm: priority 5 does not make it critical"
        );
        assert_eq!(notices[0].1, "the contract");
    }

    #[test]
    fn a_burst_of_messages_is_one_notice_but_urgent_ones_stand_alone() {
        let notice = |who: &str, urgency| (format!("{who}: hi"), "body".to_owned(), urgency, Some("inbox"));
        let few = vec![notice("CI", Urgency::Normal), notice("Bob", Urgency::Normal)];
        assert_eq!(group(few.clone(), 0), few, "a few are shown one by one");
        let mut burst: Vec<Notice> = (0..5).map(|_| notice("CI", Urgency::Normal)).collect();
        burst.push(notice("Alice", Urgency::Low));
        burst.push(notice("pager", Urgency::Critical));
        let shown = group(burst, 0);
        assert_eq!(shown.len(), 2);
        assert_eq!(shown[0].0, "pager: hi", "the critical one on its own");
        assert_eq!((shown[1].0.as_str(), shown[1].1.as_str()), ("6 new messages", "5 from CI, 1 from Alice"));
    }

    #[test]
    fn a_digest_is_one_notice_with_its_headline_over_the_groups() {
        let digest = Digest {
            id: 1,
            at: Utc.with_ymd_and_hms(2026, 11, 25, 10, 0, 0).single().expect("valid"),
            reason: lull_core::DigestReason::Focus,
            count: 14,
            by_sender: vec![],
            by_source: vec![],
            away_secs: None,
            text: "14 held while you focused: 6 from CI, 3 from Alice …".into(),
        };
        let notices = notifications_for(&Change::Digest { digest });
        assert_eq!(notices.len(), 1);
        assert_eq!(
            (notices[0].0.as_str(), notices[0].1.as_str()),
            ("14 held while you focused", "6 from CI, 3 from Alice …")
        );
    }

    #[test]
    fn while_the_screen_is_on_show_what_pops_up_is_one_notice_without_its_text() {
        let breakthrough = message_notice(&pinned("Server down", 5));
        let due = ("Due now: Sign it".to_owned(), "the contract".to_owned(), Urgency::Normal, Some("inbox"));
        let shown = private(vec![due.clone(), breakthrough]);
        assert_eq!(shown.len(), 1);
        let (summary, body, urgency, action) = &shown[0];
        assert_eq!(summary, "2 notices from Lull");
        assert_eq!(body, "Hidden while your screen is on show; open Lull to read it.");
        assert!(!format!("{summary} {body}").contains("Server") && !body.contains("contract"));
        assert_eq!((*urgency, *action), (Urgency::Critical, Some("inbox")), "still past do-not-disturb");
        assert_eq!(private(vec![due])[0].0, "1 notice from Lull");
        assert!(private(Vec::new()).is_empty());
    }

    #[test]
    fn a_scheduled_block_says_it_started_but_a_block_started_by_hand_does_not() {
        let mut scheduled = block(Some("review PRs"), 90 * 60);
        scheduled.schedule_id = Some(3);
        let notices = notifications_for(&Change::Started { block: scheduled });
        assert_eq!(notices.len(), 1);
        assert_eq!(notices[0].0, "Scheduled focus block started");
        assert_eq!(notices[0].1, "90 min on review PRs; messages wait until it ends");
        assert!(notifications_for(&Change::Started { block: block(None, 1500) }).is_empty());
    }

    #[test]
    fn a_scheduled_block_says_it_started_past_do_not_disturb_and_a_digest_is_kept_apart() {
        let mut scheduled = block(Some("review PRs"), 90 * 60);
        scheduled.schedule_id = Some(3);
        let mut sorted = Sorted::default();
        sorted.add(&Change::Started { block: scheduled }, &mut Preferences::default());
        assert_eq!(sorted.breakthroughs.len(), 1, "shown past the do-not-disturb its block switches on");
        assert!(sorted.others.is_empty() && sorted.messages.is_empty());

        let digest = Digest {
            id: 9,
            at: Utc.with_ymd_and_hms(2026, 11, 25, 10, 0, 0).single().expect("valid"),
            reason: lull_core::DigestReason::Focus,
            count: 2,
            by_sender: vec![],
            by_source: vec![],
            away_secs: None,
            text: "2 held while you focused: 2 from CI".into(),
        };
        sorted.add(&Change::Digest { digest }, &mut Preferences::default());
        assert_eq!(sorted.digests.iter().map(|d| d.id).collect::<Vec<_>>(), [9], "recorded once shown");
    }

    #[test]
    fn new_mail_while_open_is_only_recorded_unless_its_account_asks_lull_to_notify() {
        let mut mail_message = pinned("Lunch?", 3);
        (mail_message.source, mail_message.source_detail) = (Source::Imap, Some("work/Lists".into()));
        let received = Change::Received { message: mail_message.clone() };
        let mut prefs = Preferences::default();
        let mut sorted = Sorted::default();
        sorted.add(&received, &mut prefs);
        assert!(!sorted.has_messages(), "the mail client notifies on its own");

        let mut settings = lull_core::Settings::default();
        let account: lull_core::subscriptions::ImapAccount = serde_json::from_value(serde_json::json!({
            "id": "work", "host": "imap.example.org", "port": 993, "user": "me", "notify": true
        }))
        .expect("an account");
        settings.imap = vec![account];
        sorted.add(&Change::SettingsChanged { settings: settings.clone() }, &mut prefs);
        sorted.add(&received, &mut prefs);
        assert_eq!(sorted.messages.len(), 1, "this account's mail is Lull's to notify");

        let mut api = mail_message;
        api.source = Source::Api;
        let mut sorted = Sorted::default();
        sorted.add(&Change::Received { message: api }, &mut Preferences::default());
        assert_eq!(sorted.messages.len(), 1, "only mail is left to its client");
    }

    #[test]
    fn messages_that_came_too_fast_to_read_are_counted_into_the_grouped_notice() {
        let notice = (String::from("CI: red"), String::new(), Urgency::Normal, Some("inbox"));
        let shown = group(vec![notice], 1_500);
        assert_eq!(shown.len(), 1);
        assert_eq!(shown[0].0, "1501 new messages");
        assert_eq!(shown[0].1, "1 from CI …");
    }

    #[test]
    fn the_completion_notice_names_the_length_and_the_intent() {
        assert_eq!(
            block_complete(&block(Some("draft the Q3 report"), 3000)),
            ("Focus block complete".to_owned(), "50 min on draft the Q3 report".to_owned())
        );
        assert_eq!(block_complete(&block(None, 25 * 60)).1, "25 min of focus");
    }

    fn digest(id: i64) -> Digest {
        Digest {
            id,
            at: Utc.with_ymd_and_hms(2026, 11, 25, 10, 0, 0).single().expect("valid"),
            reason: lull_core::DigestReason::Focus,
            count: 2,
            by_sender: vec![],
            by_source: vec![],
            away_secs: None,
            text: "2 held while you focused: 2 from CI".into(),
        }
    }

    /// The engine sends a block's end and its digest one after the other: the notifier, woken by
    /// the first, must still make them one notification (the digest), not two popups.
    #[tokio::test(start_paused = true)]
    async fn a_digest_sent_just_after_the_blocks_end_is_taken_with_it() {
        let (transitions_tx, mut transitions) = broadcast::channel(16);
        let (_messages_tx, mut messages) = broadcast::channel::<Change>(16);
        transitions_tx.send(Change::Ended { block: block(None, 1500), while_away: false }).expect("sent");
        let later = transitions_tx.clone();
        tokio::spawn(async move {
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
            later.send(Change::Digest { digest: digest(4) }).expect("sent");
        });
        let sorted =
            next_batch(&mut transitions, &mut messages, &mut Preferences::default()).await.expect("a batch");
        assert_eq!(sorted.digests.iter().map(|d| d.id).collect::<Vec<_>>(), [4], "the digest came with it");

        // A block that ends into Quiet has no digest: its notice is shown after the wait.
        transitions_tx.send(Change::Ended { block: block(None, 1500), while_away: false }).expect("sent");
        let sorted =
            next_batch(&mut transitions, &mut messages, &mut Preferences::default()).await.expect("a batch");
        assert!(sorted.digests.is_empty());
        assert_eq!(sorted.others.len(), 1, "the block-complete notice");

        drop(transitions_tx);
        assert!(
            next_batch(&mut transitions, &mut messages, &mut Preferences::default()).await.is_none(),
            "the engine is gone"
        );
    }
}
