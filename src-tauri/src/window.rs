//! The one window. It is created when asked for and destroyed when closed, so a Lull that lives
//! in the tray holds no web view. It opens on a view (`focus`, `inbox`, `stats`, `settings`); an
//! open window is told to switch with the `lull://navigate` event.
//!
//! A notification that offers the inbox (a digest, the daily review) is likely to be clicked:
//! when one is shown, the window is made ready on the inbox, hidden ([`prepare`]), so its *Open*
//! only has to show it; unused, it is dropped again after [`READY_FOR`].
//!
//! WebKitGTK keeps its network process for the life of the web context, which Tauri never drops:
//! once the last window is gone, [`end_web_processes`] ends it (WebKit starts a new one with the
//! next window), so an idle Lull in the tray runs no WebKit process at all.

use lull_core::{Engine, InboxStart, Status};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, WebviewUrl, WebviewWindowBuilder};

pub const MAIN: &str = "main";
pub const NAVIGATE_EVENT: &str = "lull://navigate";

/// The views the window has.
pub const VIEWS: [&str; 4] = ["focus", "inbox", "stats", "settings"];

/// How long a window made ready for a notification waits to be shown before it is dropped.
pub const READY_FOR: std::time::Duration = std::time::Duration::from_secs(180);

/// Counts the windows made ready, so a drop only takes the one it was set for.
static READIED: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// What the notifications' *Open* does in the desktop app: shows the view, and makes the inbox
/// ready when a notification offering it appears.
pub struct Opener(pub AppHandle);

impl lull_bus::Open for Opener {
    fn open(&self, view: &str) {
        show(&self.0, Some(view));
    }

    fn expect(&self, view: &str) {
        if view == "inbox" {
            prepare(&self.0);
        }
    }
}

/// Builds the window on the inbox, hidden, unless one exists; drops it after [`READY_FOR`] if it
/// is still hidden then.
pub fn prepare(app: &AppHandle) {
    if app.get_webview_window(MAIN).is_some() {
        return;
    }
    let generation = READIED.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
    build(app, Some("inbox"), false);
    let app = app.clone();
    std::thread::spawn(move || {
        std::thread::sleep(READY_FOR);
        if READIED.load(std::sync::atomic::Ordering::SeqCst) != generation {
            return;
        }
        let handle = app.clone();
        on_main_thread(&app, move || {
            if let Some(window) = handle.get_webview_window(MAIN)
                && !window.is_visible().unwrap_or(true)
            {
                tracing::debug!("dropping the window made ready for a notification: unused");
                let _ = window.destroy();
            }
        });
    });
}

/// Page size and rows of the inbox's first screen, as the window asks for them
/// (`FIRST_PAGE` in `ui/src/lib/inbox-state.svelte.ts`).
const FIRST_PAGE: usize = 40;

/// What a new window starts from, handed to its page before any script runs (as
/// `window.__LULL_BOOT__`), so the first screen needs no round trip through IPC while WebKit is
/// still busy starting the page. Events and later requests keep it up to date as usual.
#[derive(Serialize)]
struct Boot {
    status: Status,
    inbox: Option<InboxStart>,
    /// How long reading the inbox took, or was waited for, in ms (for the review benchmark).
    read_ms: u128,
}

/// Shows the window on `view` (or as it was), creating it if it does not exist. Safe to call from
/// any thread: the window is built on the main thread.
pub fn show(app: &AppHandle, view: Option<&str>) {
    let view = view.filter(|v| VIEWS.contains(v)).map(str::to_owned);
    let handle = app.clone();
    if app.get_webview_window(MAIN).is_some() {
        on_main_thread(app, move || show_now(&handle, view.as_deref(), None));
        return;
    }
    let engine = app.state::<Engine>().inner().clone();
    tauri::async_runtime::spawn(async move {
        let script = boot_script(&engine, view.as_deref()).await;
        let app = handle.clone();
        on_main_thread(&app, move || show_now(&handle, view.as_deref(), script));
    });
}

/// The page's `window.__LULL_BOOT__`: the status, and the inbox's first screen when the window
/// opens on it. A busy engine (a burst of messages) must not hold the window back: without the
/// boot data the page asks for the same things itself. The inbox only when the window opens on
/// it: on another view it would be stale by the time the inbox is shown.
async fn boot_script(engine: &Engine, view: Option<&str>) -> Option<String> {
    let started = std::time::Instant::now();
    let inbox = match view {
        Some("inbox") => tokio::time::timeout(
            std::time::Duration::from_millis(150),
            engine.inbox_start(FIRST_PAGE, FIRST_PAGE),
        )
        .await
        .ok()
        .and_then(Result::ok),
        _ => None,
    };
    let read_ms = started.elapsed().as_millis();
    if view == Some("inbox") && inbox.is_none() {
        tracing::debug!("the window opens without its inbox: the read took over {read_ms} ms");
    }
    let boot = Boot { status: engine.status(), inbox, read_ms };
    serde_json::to_string(&boot).ok().map(|json| format!("window.__LULL_BOOT__ = {json};"))
}

fn on_main_thread(app: &AppHandle, f: impl FnOnce() + Send + 'static) {
    if let Err(err) = app.run_on_main_thread(f) {
        tracing::warn!("cannot open the window: {err}");
    }
}

fn show_now(app: &AppHandle, view: Option<&str>, boot: Option<String>) {
    if let Some(window) = app.get_webview_window(MAIN) {
        // A window made ready for a notification is used now: no drop is due for it.
        READIED.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
        if let Some(view) = view {
            let _ = window.emit(NAVIGATE_EVENT, view);
        }
        return;
    }
    build_with(app, view, boot, true);
}

/// Builds the window on `view` in the background (made ready), fetching the inbox's first screen
/// for it as [`show`] does.
fn build(app: &AppHandle, view: Option<&str>, visible: bool) {
    let engine = app.state::<Engine>().inner().clone();
    let view = view.map(str::to_owned);
    let handle = app.clone();
    tauri::async_runtime::spawn(async move {
        let boot = boot_script(&engine, view.as_deref()).await;
        let app = handle.clone();
        on_main_thread(&app, move || {
            if handle.get_webview_window(MAIN).is_none() {
                build_with(&handle, view.as_deref(), boot, visible);
            }
        });
    });
}

fn build_with(app: &AppHandle, view: Option<&str>, boot: Option<String>, visible: bool) {
    let page = match view {
        Some(view) => format!("index.html#{view}"),
        None => "index.html".to_owned(),
    };
    // Size and position come back from the window-state plugin when the window was open before.
    let mut builder = WebviewWindowBuilder::new(app, MAIN, WebviewUrl::App(page.into()));
    if let Some(script) = boot {
        // JSON is a JavaScript expression; message text inside it stays data (a string).
        builder = builder.initialization_script(script);
    }
    let built = builder
        .title("Lull")
        .inner_size(960.0, 680.0)
        .min_inner_size(420.0, 480.0)
        .center()
        .visible(visible)
        .focused(visible)
        .build();
    if let Err(err) = built {
        tracing::warn!("cannot open the window: {err}");
    }
}

/// After the last window closed: ends the WebKit helper processes it left (the network process).
pub fn end_web_processes(app: &AppHandle) {
    let app = app.clone();
    std::thread::spawn(move || {
        // Let WebKit finish with the page first; a window opened meanwhile keeps them.
        std::thread::sleep(std::time::Duration::from_millis(1500));
        if !app.webview_windows().is_empty() {
            return;
        }
        for pid in web_helpers(std::process::id()) {
            // SAFETY: kill(2) with a pid read from /proc whose parent is this process.
            let pid = pid as libc::pid_t;
            unsafe { libc::kill(pid, libc::SIGTERM) };
        }
    });
}

/// WebKit's helper processes whose parent is `parent`.
fn web_helpers(parent: u32) -> Vec<u32> {
    let Ok(entries) = std::fs::read_dir("/proc") else { return Vec::new() };
    entries
        .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else { return false };
            // "pid (comm) state ppid …": comm may hold spaces, so split after the last ')'.
            let Some((head, tail)) = stat.rsplit_once(')') else { return false };
            let comm = head.split_once('(').map_or("", |(_, c)| c);
            let ppid = tail.split_whitespace().nth(1).and_then(|p| p.parse::<u32>().ok());
            comm.starts_with("WebKit") && ppid == Some(parent)
        })
        .collect()
}
