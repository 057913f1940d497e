//! The engine's commands: one method per thing a caller can ask, each a call into [`Lull`] run on
//! the engine's task (through [`Engine::command`], or [`Engine::read`] when it only reads).
//!
//! Each is one line on purpose: the core decides and authors the changes, the wrapper only moves
//! the call onto the task, so a new command is a core method plus one line here.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use tokio::sync::oneshot;

use super::{Engine, Job, stopped};
use crate::block::FocusBlock;
use crate::error::Result;
use crate::local_time::TimeOfDay;
use crate::lull::{
    GroupKey, InboxOverview, InboxPage, InboxStart, Lull, MessageStory, SnoozeChoice, SnoozeUntil, Stats,
};
use crate::message::{Message, MessageId, NewMessage, PinState, Receipt};
use crate::request::{InboxList, NewToken, TokenName};
use crate::settings::Settings;
use crate::token::publish::{CreatedToken, PublishToken};

impl Engine {
    pub async fn start_focus(&self, duration_secs: i64, intent: Option<String>) -> Result<FocusBlock> {
        self.command(move |lull| lull.start_focus(duration_secs, intent.as_deref())).await
    }

    pub async fn extend_focus(&self, by_secs: i64) -> Result<FocusBlock> {
        self.command(move |lull| lull.extend_focus(by_secs)).await
    }

    pub async fn stop_focus(&self) -> Result<FocusBlock> {
        self.command(Lull::stop_focus).await
    }

    /// Takes in a message from any source; answers once it is committed.
    pub async fn receive(&self, message: NewMessage) -> Result<Receipt> {
        let (reply, answer) = oneshot::channel();
        self.jobs.send(Job::Receive(message, reply)).await.map_err(|_| stopped())?;
        answer.await.map_err(|_| self.lost_answer())?
    }

    pub async fn done(&self, ids: Vec<MessageId>) -> Result<Vec<MessageId>> {
        self.command(move |lull| lull.done(&ids)).await
    }

    pub async fn done_all(
        &self,
        group: Option<GroupKey>,
        before: Option<DateTime<Utc>>,
    ) -> Result<Vec<MessageId>> {
        self.command(move |lull| lull.done_all(group.as_ref(), before)).await
    }

    pub async fn undone(&self, ids: Vec<MessageId>) -> Result<Vec<MessageId>> {
        self.command(move |lull| lull.undone(&ids)).await
    }

    pub async fn snooze(&self, ids: Vec<MessageId>, until: SnoozeUntil) -> Result<DateTime<Utc>> {
        self.command(move |lull| lull.snooze(&ids, until)).await
    }

    pub async fn unsnooze(&self, ids: Vec<MessageId>) -> Result<Vec<MessageId>> {
        self.command(move |lull| lull.unsnooze(&ids)).await
    }

    /// Pins; answers each message's pin as it was (see [`Lull::pin`]).
    pub async fn pin(&self, ids: Vec<MessageId>, due: Option<DateTime<Utc>>) -> Result<Vec<PinState>> {
        self.command(move |lull| lull.pin(&ids, due)).await
    }

    /// Unpins; answers each message's pin as it was (see [`Lull::unpin`]).
    pub async fn unpin(&self, ids: Vec<MessageId>) -> Result<Vec<PinState>> {
        self.command(move |lull| lull.unpin(&ids)).await
    }

    pub async fn working_late(&self, until: TimeOfDay) -> Result<DateTime<Utc>> {
        self.command(move |lull| lull.working_late(until)).await
    }

    /// "Working late for an hour" (the tray's items): see [`Lull::working_late_for`].
    pub async fn working_late_for(&self, duration: TimeDelta) -> Result<DateTime<Utc>> {
        self.command(move |lull| lull.working_late_for(duration)).await
    }

    /// What the desktop says about the user (the presence sources call it): see
    /// [`Lull::set_presence`].
    pub async fn set_presence(&self, presence: crate::presence::Presence) -> Result<()> {
        self.command(move |lull| lull.set_presence(presence)).await
    }

    /// What the desktop says about the screen (the screen sources call it): see
    /// [`Lull::set_screen`].
    pub async fn set_screen(&self, screen: crate::screen::Screen) -> Result<()> {
        self.command(move |lull| {
            lull.set_screen(screen);
            Ok(())
        })
        .await
    }

    /// A calendar's events as its source just read them: see [`Lull::set_calendar`].
    pub async fn set_calendar(&self, calendar: String, events: Vec<crate::calendar::Event>) -> Result<()> {
        self.command(move |lull| lull.set_calendar(&calendar, events)).await
    }

    pub async fn done_for_today(&self) -> Result<DateTime<Utc>> {
        self.command(Lull::done_for_today).await
    }

    pub async fn clear_overrides(&self) -> Result<()> {
        self.command(Lull::clear_overrides).await
    }

    pub async fn update_settings(&self, settings: Settings) -> Result<Settings> {
        self.command(move |lull| lull.update_settings(settings)).await
    }

    /// From a surface that may not change hooks (HTTP): refused if `settings.hooks` differs
    /// from the hooks in force.
    pub async fn update_settings_keeping_hooks(&self, settings: Settings) -> Result<Settings> {
        self.command(move |lull| lull.update_settings_keeping_hooks(settings)).await
    }

    pub async fn finish_first_run(&self) -> Result<()> {
        self.command(Lull::finish_first_run).await
    }

    pub async fn create_token(&self, request: NewToken) -> Result<CreatedToken> {
        self.command(move |lull| lull.create_token(request)).await
    }

    pub async fn tokens(&self) -> Result<Vec<PublishToken>> {
        self.read(Lull::tokens).await
    }

    pub async fn revoke_token(&self, request: TokenName) -> Result<PublishToken> {
        self.command(move |lull| lull.revoke_token(request)).await
    }

    pub async fn skip_scheduled(&self, schedule_id: u32, date: NaiveDate) -> Result<()> {
        self.command(move |lull| lull.skip_scheduled(schedule_id, date)).await
    }

    /// Today's focus proposals and accepted blocks to come.
    pub async fn focus_proposals(&self) -> Result<Vec<crate::ProposedBlock>> {
        self.read(Lull::focus_proposals).await
    }

    pub async fn accept_proposal(&self, start: DateTime<Utc>) -> Result<crate::ProposedBlock> {
        self.command(move |lull| lull.accept_proposal(start)).await
    }

    pub async fn skip_proposal(&self, start: DateTime<Utc>) -> Result<()> {
        self.command(move |lull| lull.skip_proposal(start)).await
    }

    pub async fn move_proposal(
        &self,
        start: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<crate::ProposedBlock> {
        self.command(move |lull| lull.move_proposal(start, to)).await
    }

    /// `focus.ics`, when the settings ask for it.
    pub async fn focus_calendar(&self) -> Result<Option<String>> {
        self.read(Lull::focus_calendar).await
    }

    pub async fn export(&self, date: Option<NaiveDate>) -> Result<crate::export::Export> {
        self.read(move |lull| lull.export(date)).await
    }

    /// An export's span and blocks; its messages come in pages from [`Engine::export_messages`].
    pub async fn export_head(&self, date: Option<NaiveDate>) -> Result<crate::export::Export> {
        self.read(move |lull| lull.export_head(date)).await
    }

    pub async fn export_messages(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        after: Option<(DateTime<Utc>, MessageId)>,
        limit: usize,
    ) -> Result<Vec<Message>> {
        self.read(move |lull| lull.export_messages(from, to, after, limit)).await
    }

    /// Where the remote source under `key` is in its stream ([`Lull::source_cursor`]).
    pub async fn source_cursor(&self, key: String) -> Result<Option<String>> {
        self.read(move |lull| lull.source_cursor(&key)).await
    }

    pub async fn save_source_cursor(&self, key: String, cursor: Option<String>) -> Result<()> {
        self.command(move |lull| lull.save_source_cursor(&key, cursor.as_deref())).await
    }

    pub async fn settings(&self) -> Result<Settings> {
        self.read(|lull| Ok(lull.settings().clone())).await
    }

    pub async fn message(&self, id: MessageId) -> Result<Message> {
        self.read(move |lull| lull.message(id)).await
    }

    pub async fn inbox(&self, list: InboxList) -> Result<InboxPage> {
        self.read(move |lull| lull.inbox(&list)).await
    }

    pub async fn search(
        &self,
        query: String,
        before: Option<MessageId>,
        limit: Option<usize>,
    ) -> Result<Vec<Message>> {
        self.read(move |lull| lull.search(&query, before, limit)).await
    }

    pub async fn message_story(&self, id: MessageId) -> Result<MessageStory> {
        self.read(move |lull| lull.message_story(id)).await
    }

    /// Records the end of a review (what arrives after it is new in the next one).
    pub async fn mark_reviewed(&self) -> Result<()> {
        self.command(|lull| lull.mark_reviewed()).await
    }

    pub async fn snooze_choices(&self) -> Result<Vec<SnoozeChoice>> {
        self.read(|lull| lull.snooze_choices()).await
    }

    /// Reads a typed instant ("friday 9") against the user's zone and work hours.
    pub async fn parse_when(&self, text: String) -> Result<DateTime<Utc>> {
        self.read(move |lull| lull.parse_when(&text)).await
    }

    pub async fn inbox_overview(&self) -> Result<InboxOverview> {
        self.read(|lull| lull.inbox_overview()).await
    }

    pub async fn inbox_group(
        &self,
        key: GroupKey,
        after: Option<String>,
        limit: Option<usize>,
    ) -> Result<InboxPage> {
        self.read(move |lull| lull.inbox_group(&key, after.as_deref(), limit)).await
    }

    pub async fn inbox_start(&self, limit: usize, rows: usize) -> Result<InboxStart> {
        self.read(move |lull| lull.inbox_start(limit, rows)).await
    }

    pub async fn stats(&self, weeks: u32) -> Result<Stats> {
        self.read(move |lull| lull.stats(weeks)).await
    }

    /// Records that the digest `id` was shown to the user. Until then it counts as owed, and a
    /// restart announces it again: the one who shows digests says so, not the one who sends them.
    pub async fn digest_announced(&self, id: i64) -> Result<()> {
        self.command(move |lull| lull.mark_digest_announced(id)).await
    }

    /// The digests recorded but not yet shown, oldest first (for a listener that fell behind).
    pub async fn unannounced_digests(&self) -> Result<Vec<crate::digest::Digest>> {
        self.read(|lull| lull.unannounced_digest_list()).await
    }

    /// Makes every later write fail as on a read-only file system, or lifts that: for the tests
    /// of what the engine does while it cannot write.
    #[doc(hidden)]
    pub async fn refuse_writes(&self, refuse: bool) -> Result<()> {
        self.command(move |lull| lull.refuse_writes(refuse)).await
    }
}
