//! The inbox's flat views (pinned, snoozed, done, or the inbox as a list), done for a whole
//! group or everything older, and delivered popups filing themselves: what the review window
//! reads and does beyond one message at a time.

use chrono::{DateTime, TimeDelta, Utc};

use super::inbox::{DEFAULT_PAGE, InboxPage, MAX_PAGE, parse_key_cursor};
use super::{Change, GroupKey, Lull};
use crate::error::{Error, ErrorCode, Result};
use crate::message::MessageId;
use crate::request::{InboxList, InboxView};
use crate::store::messages;

impl Lull {
    /// One of the inbox's flat views, `limit` at a time (keyset paging: `after` is the previous
    /// page's `next`): the not-done inbox newest first (snoozed ones only with
    /// `include_snoozed`), or the pinned, snoozed or done messages, each in its view's order.
    pub fn inbox(&self, list: &InboxList) -> Result<InboxPage> {
        let view = list.view.unwrap_or_default();
        let include_snoozed = list.snoozed;
        let limit = list.limit.unwrap_or(DEFAULT_PAGE).clamp(1, MAX_PAGE);
        let after = list.after.as_deref().map(parse_key_cursor).transpose()?;
        let conn = self.store.conn();
        let messages = match view {
            InboxView::Inbox if include_snoozed => messages::not_done_page(
                conn,
                after.map(|(ms, id)| (crate::store::from_millis(ms), id)),
                limit,
                true,
            )?,
            _ => messages::view_page(conn, view, after, limit)?,
        };
        let next = (messages.len() == limit)
            .then(|| messages.last().map(|m| messages::view_cursor(view, m)))
            .flatten()
            .map(|(key, id)| format!("{key}:{id}"));
        Ok(InboxPage { messages, next })
    }

    /// Marks done every not-done, not-snoozed message of a group, or of the inbox, received
    /// before an instant (at least one of the two must be given). Returns their ids, for undo.
    pub fn done_all(
        &mut self,
        group: Option<&GroupKey>,
        before: Option<DateTime<Utc>>,
    ) -> Result<Vec<MessageId>> {
        if group.is_none() && before.is_none() {
            return Err(Error::new(
                ErrorCode::InvalidRequest,
                "say which messages: a group, a time, or both",
            ));
        }
        let now = self.now();
        let ids = self.store.write(|tx| {
            let mut ids = messages::not_done_ids(tx, group.map(GroupKey::filter), before)?;
            ids.sort_unstable();
            messages::mark_done(tx, &ids, now)?;
            Ok(ids)
        })?;
        if !ids.is_empty() {
            self.push(Change::InboxChanged { ids: ids.clone() });
        }
        Ok(ids)
    }

    /// Files the delivered messages shown `file_delivered_after_hours` ago (and not pinned) as
    /// done: the user saw each as a popup, so it needs no triage twice.
    pub(super) fn file_delivered(&mut self, now: DateTime<Utc>) -> Result<Option<Change>> {
        let Some(before) = self.filing_horizon(now) else { return Ok(None) };
        if messages::first_unpinned_delivery(self.store.conn())?.is_none_or(|first| first >= before) {
            return Ok(None);
        }
        let ids = self.store.write(|tx| messages::file_delivered(tx, before, now))?;
        Ok((!ids.is_empty()).then_some(Change::InboxChanged { ids }))
    }

    /// When the next delivered message files itself.
    pub(super) fn next_filing(&self) -> Result<Option<DateTime<Utc>>> {
        let Some(hours) = self.settings.file_delivered_after_hours else { return Ok(None) };
        Ok(messages::first_unpinned_delivery(self.store.conn())?
            .map(|first| first + TimeDelta::hours(i64::from(hours)) + TimeDelta::milliseconds(1)))
    }

    /// Messages delivered before this instant are due to be filed.
    fn filing_horizon(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.settings.file_delivered_after_hours.map(|hours| now - TimeDelta::hours(i64::from(hours)))
    }
}
