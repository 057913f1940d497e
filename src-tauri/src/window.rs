//! The one window. It is created when asked for and destroyed when closed, so a Lull that lives
//! in the tray holds no web view. It opens on a view (`focus`, `inbox`, `stats`, `settings`); an
//! open window is told to switch with the `lull://navigate` event.
//!
//! WebKitGTK keeps its network process for the life of the web context, which Tauri never drops:
//! once the last window is gone, [`end_web_processes`] ends it (WebKit starts a new one with the
//! next window), so an idle Lull in the tray runs no WebKit process at all.

use tauri::{AppHandle, Emitter, Manager, WebviewUrl, WebviewWindowBuilder};

pub const MAIN: &str = "main";
pub const NAVIGATE_EVENT: &str = "lull://navigate";

/// The views the window has.
pub const VIEWS: [&str; 4] = ["focus", "inbox", "stats", "settings"];

/// Shows the window on `view` (or as it was), creating it if it does not exist. Safe to call from
/// any thread: the work happens on the main thread.
pub fn show(app: &AppHandle, view: Option<&str>) {
    let view = view.filter(|v| VIEWS.contains(v)).map(str::to_owned);
    let handle = app.clone();
    let shown = app.run_on_main_thread(move || show_now(&handle, view.as_deref()));
    if let Err(err) = shown {
        eprintln!("lull: cannot open the window: {err}");
    }
}

fn show_now(app: &AppHandle, view: Option<&str>) {
    if let Some(window) = app.get_webview_window(MAIN) {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
        if let Some(view) = view {
            let _ = window.emit(NAVIGATE_EVENT, view);
        }
        return;
    }
    let page = match view {
        Some(view) => format!("index.html#{view}"),
        None => "index.html".to_owned(),
    };
    // Size and position come back from the window-state plugin when the window was open before.
    let built = WebviewWindowBuilder::new(app, MAIN, WebviewUrl::App(page.into()))
        .title("Lull")
        .inner_size(960.0, 680.0)
        .min_inner_size(420.0, 480.0)
        .center()
        .focused(true)
        .build();
    if let Err(err) = built {
        eprintln!("lull: cannot open the window: {err}");
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
