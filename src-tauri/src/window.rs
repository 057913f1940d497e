//! The one window. It is created when asked for and destroyed when closed, so a Lull that lives
//! in the tray holds no web view. It opens on a view (`focus`, `inbox`, `stats`, `settings`); an
//! open window is told to switch with the `lull://navigate` event.

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
