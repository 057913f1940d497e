//! Reading and triaging the inbox from the review window.

use chrono::{DateTime, Utc};
use lull_core::request::{
    DoneAll, Ids, InboxGroupRequest, InboxList, InboxStartRequest, ParseWhen, Pin, Search, Snooze, Until,
};
use lull_core::{
    Engine, ErrorBody, ErrorCode, InboxOverview, InboxPage, InboxStart, Message, MessageId, MessageStory,
    PinState, SnoozeChoice,
};
use tauri::State;

use crate::integration::{AppInfo, OpenLink};
use lull_core::message::{Links, is_openable};

/// How much of a body a list shows; the detail pane asks for the whole message.
const PREVIEW_CHARS: usize = 400;

type Answer<T> = Result<T, ErrorBody>;

/// A flat view (pinned, snoozed, done, or the inbox as a list); bodies are previews.
#[tauri::command]
pub async fn inbox(engine: State<'_, Engine>, request: InboxList) -> Answer<InboxPage> {
    let page = engine.inbox(request).await?;
    Ok(InboxPage { messages: page.messages.into_iter().map(preview).collect(), next: page.next })
}

#[tauri::command]
pub async fn inbox_overview(engine: State<'_, Engine>) -> Answer<InboxOverview> {
    Ok(engine.inbox_overview().await?)
}

/// The overview and the first pages of the newest groups, in one round trip.
#[tauri::command]
pub async fn inbox_start(engine: State<'_, Engine>, request: InboxStartRequest) -> Answer<InboxStart> {
    Ok(engine.inbox_start(request.limit, request.rows).await?)
}

#[tauri::command]
pub async fn inbox_group(engine: State<'_, Engine>, request: InboxGroupRequest) -> Answer<InboxPage> {
    Ok(engine.inbox_group(request.key(), request.after, request.limit).await?)
}

#[tauri::command]
pub async fn message(engine: State<'_, Engine>, id: MessageId) -> Answer<Message> {
    Ok(engine.message(id).await?)
}

/// Bodies are previews: the detail pane asks for the whole message.
#[tauri::command]
pub async fn search(engine: State<'_, Engine>, request: Search) -> Answer<Vec<Message>> {
    let found = engine.search(request.q, request.before, request.limit).await?;
    Ok(found.into_iter().map(preview).collect())
}

#[tauri::command]
pub async fn done(engine: State<'_, Engine>, request: Ids) -> Answer<Vec<MessageId>> {
    Ok(engine.done(request.ids).await?)
}

#[tauri::command]
pub async fn undone(engine: State<'_, Engine>, request: Ids) -> Answer<Vec<MessageId>> {
    Ok(engine.undone(request.ids).await?)
}

#[tauri::command]
pub async fn snooze(engine: State<'_, Engine>, request: Snooze) -> Answer<DateTime<Utc>> {
    Ok(engine.snooze(request.ids, request.until).await?)
}

#[tauri::command]
pub async fn message_story(engine: State<'_, Engine>, id: MessageId) -> Answer<MessageStory> {
    Ok(engine.message_story(id).await?)
}

#[tauri::command]
pub async fn done_all(engine: State<'_, Engine>, request: DoneAll) -> Answer<Vec<MessageId>> {
    Ok(engine.done_all(request.group, request.before).await?)
}

#[tauri::command]
pub async fn mark_reviewed(engine: State<'_, Engine>) -> Answer<()> {
    Ok(engine.mark_reviewed().await?)
}

#[tauri::command]
pub async fn snooze_choices(engine: State<'_, Engine>) -> Answer<Vec<SnoozeChoice>> {
    Ok(engine.snooze_choices().await?)
}

#[tauri::command]
pub async fn parse_when(engine: State<'_, Engine>, request: ParseWhen) -> Answer<Until> {
    Ok(Until { until: engine.parse_when(request.text).await? })
}

#[tauri::command]
pub async fn unsnooze(engine: State<'_, Engine>, request: Ids) -> Answer<Vec<MessageId>> {
    Ok(engine.unsnooze(request.ids).await?)
}

/// Pins; answers each message's pin as it was, which is what the window's undo puts back.
#[tauri::command]
pub async fn pin(engine: State<'_, Engine>, request: Pin) -> Answer<Vec<PinState>> {
    Ok(engine.pin(request.ids, request.due).await?)
}

/// Unpins; answers each message's pin as it was (its due date too), for the window's undo.
#[tauri::command]
pub async fn unpin(engine: State<'_, Engine>, request: Ids) -> Answer<Vec<PinState>> {
    Ok(engine.unpin(request.ids).await?)
}

/// Opens a message's link in the system browser or mail client. Only http, https, mailto and
/// mid (a mail's `Message-ID`, which mail clients open): a message is untrusted, and `file:` or
/// a custom scheme could start anything.
#[tauri::command]
pub fn open_link(request: OpenLink) -> Answer<()> {
    let url = request.url.trim();
    if !is_openable(url, Links::WebAndMail) {
        return Err(ErrorBody {
            code: ErrorCode::InvalidRequest,
            message: format!("only {} links are opened", Links::WebAndMail.describe()),
            field: None,
        });
    }
    let child = std::process::Command::new("xdg-open")
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    match child {
        Ok(mut child) => {
            // Reap it whenever it ends; the browser it starts lives on.
            std::thread::spawn(move || child.wait());
            Ok(())
        }
        Err(err) => Err(ErrorBody {
            code: ErrorCode::System,
            message: format!("cannot open the link: xdg-open failed ({err})"),
            field: None,
        }),
    }
}

/// The app a message came from (its notification's desktop entry), if it is installed: what the
/// detail pane's *Open in ‹app›* names.
#[tauri::command]
pub async fn message_app(engine: State<'_, Engine>, id: MessageId) -> Answer<Option<AppInfo>> {
    let message = engine.message(id).await?;
    let entry = message.app.as_deref().and_then(lull_core::desktop_entry::find);
    Ok(entry.map(|entry| AppInfo { name: entry.name }))
}

/// Starts the app a message came from, as the desktop's launcher would (GIO reads its entry:
/// D-Bus activation, a terminal, the right arguments). Captured notifications' own actions
/// cannot be invoked once closed, so this is what "open" means for them.
#[tauri::command]
pub async fn open_app(engine: State<'_, Engine>, id: MessageId) -> Answer<()> {
    use gio::prelude::AppInfoExt as _;
    let message = engine.message(id).await?;
    let not_found = || ErrorBody {
        code: ErrorCode::NotFound,
        message: "the app this message came from is not installed here".into(),
        field: None,
    };
    let entry = message.app.as_deref().and_then(lull_core::desktop_entry::find).ok_or_else(not_found)?;
    let app = gio::DesktopAppInfo::from_filename(&entry.path).ok_or_else(not_found)?;
    app.launch(&[], None::<&gio::AppLaunchContext>).map_err(|err| ErrorBody {
        code: ErrorCode::System,
        message: format!("cannot start {}: {err}", entry.name),
        field: None,
    })
}

fn preview(mut message: Message) -> Message {
    if let Some((cut, _)) = message.body.char_indices().nth(PREVIEW_CHARS) {
        message.body.truncate(cut);
    }
    message
}
