//! The one window. It is created when asked for and destroyed when closed, so a Lull that lives
//! in the tray holds no web view.

use tauri::{AppHandle, Manager, WebviewUrl, WebviewWindowBuilder};

pub const MAIN: &str = "main";

/// Shows the window, creating it if it does not exist.
pub fn show(app: &AppHandle) {
    if let Some(window) = app.get_webview_window(MAIN) {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
        return;
    }
    let built = WebviewWindowBuilder::new(app, MAIN, WebviewUrl::App("index.html".into()))
        .title("Lull")
        .inner_size(440.0, 660.0)
        .min_inner_size(360.0, 480.0)
        .center()
        .focused(true)
        .build();
    if let Err(err) = built {
        eprintln!("lull: cannot open the window: {err}");
    }
}
