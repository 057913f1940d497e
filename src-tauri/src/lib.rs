//! The desktop shell: wires the core's engine to the tray, the window and notifications.
//!
//! Nothing here decides policy. The engine publishes a status and events; `follow` renders the
//! status into the tray and the window, `lull_bus::notify` turns events into desktop
//! notifications (the same as under `lull serve`), and the window's commands only forward
//! requests to the engine.

mod commands;
mod integration;
mod options;
mod shortcut;
mod tray;
mod window;

use std::process::ExitCode;
use std::sync::Arc;

use lull_bus::tray::Scheme;
use lull_core::instance;
use lull_core::{Clock, Engine, Status, SystemClock};
use tauri::{AppHandle, Emitter, Manager, RunEvent};

use crate::integration::{ApiState, Integration};
use crate::options::{Options, Parsed};
use crate::tray::Tray;

/// The event the window listens to for a new [`Status`].
pub const STATUS_EVENT: &str = "lull://status";

pub fn main() -> ExitCode {
    let options = match options::parse(std::env::args().skip(1)) {
        Ok(Parsed::Run(options)) => options,
        Ok(Parsed::Print(text)) => {
            print!("{text}");
            return ExitCode::SUCCESS;
        }
        // Usage errors (exit 2), --help and --version (exit 0), printed by clap.
        Err(err) => err.exit(),
    };
    match run(options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("lull-desktop: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(options: Options) -> Result<(), String> {
    let _log = lull_boot::logging::init(Some(&options.data_dir), options.verbose);
    let Some(opened) = claim(&options.data_dir)? else { return Ok(()) };
    let engine = opened.engine.clone();
    let app = tauri::Builder::default()
        .plugin(tauri_plugin_autostart::init(
            tauri_plugin_autostart::MacosLauncher::LaunchAgent,
            Some(vec!["--background"]),
        ))
        // Size, position and maximised state come back; visibility is Lull's to decide (a window
        // made ready for a notification is built hidden and must stay so until asked for).
        .plugin(
            tauri_plugin_window_state::Builder::default()
                .with_state_flags(
                    tauri_plugin_window_state::StateFlags::all()
                        - tauri_plugin_window_state::StateFlags::VISIBLE,
                )
                .build(),
        )
        .manage(engine.clone())
        .on_window_event(|window, event| {
            if matches!(event, tauri::WindowEvent::Destroyed) {
                window::end_web_processes(window.app_handle());
            }
        })
        .invoke_handler(commands::handler())
        .setup(move |app| setup(app.handle(), opened, &options))
        .build(tauri::generate_context!())
        .map_err(|err| format!("cannot start the desktop app: {err}"))?;

    app.run(|app, event| match event {
        // Closing the last window leaves Lull in the tray; only Quit (an explicit exit code) ends it.
        RunEvent::ExitRequested { api, code: None, .. } => api.prevent_exit(),
        RunEvent::Exit => {
            if let Some(api) = app.try_state::<lull_api::Running>() {
                api.retire();
            }
        }
        _ => {}
    });
    Ok(())
}

/// Step 1 of `lull_boot`'s start-up: the data directory and the core. `None` when another Lull
/// has the directory: it was asked to show its window instead.
fn claim(data_dir: &std::path::Path) -> Result<Option<lull_boot::Opened>, String> {
    let dir = data_dir.display();
    match lull_boot::open(data_dir) {
        Ok(lull_boot::Claimed::First(opened)) => Ok(Some(opened)),
        Ok(lull_boot::Claimed::Second { socket }) => match instance::ask_to_show(&socket) {
            Ok(()) => {
                println!("Lull is already running for {dir}; its window was brought up.");
                Ok(None)
            }
            Err(err) => Err(format!("Lull is already running for {dir} but did not answer ({err})")),
        },
        Err(err) => {
            // Nobody may be looking at a terminal: say it on the desktop too.
            let _ = notify_rust::Notification::new()
                .appname("Lull")
                .summary("Lull cannot start")
                .body(&err.to_string())
                .show();
            Err(format!("Lull cannot start: {err}"))
        }
    }
}

/// The rest of the start-up once Tauri runs: the tray and its followers, then `lull_boot`'s
/// order (the desktop followers, the engine, the API), the shortcut and the window.
fn setup(
    handle: &AppHandle,
    opened: lull_boot::Opened,
    options: &Options,
) -> Result<(), Box<dyn std::error::Error>> {
    let engine = opened.engine.clone();
    let tray = Tray::build(handle)?;
    tauri::async_runtime::spawn(tray::follow_presets(tray.presets(), engine.clone()));
    let (scheme, schemes) = tokio::sync::watch::channel(Scheme::Dark);
    tauri::async_runtime::spawn(lull_bus::tray::follow_scheme(move |now| {
        scheme.send_replace(now);
    }));
    tauri::async_runtime::spawn(follow(handle.clone(), tray, engine.clone(), schemes));
    let opener: lull_bus::Opener = Arc::new(window::Opener(handle.clone()));
    let show_handle = handle.clone();
    let show: Box<dyn Fn() + Send> = Box::new(move || window::show(&show_handle, None));
    let started = tauri::async_runtime::block_on(async {
        let mut started = opened.start(Some(opener))?;
        started.serve_instance(Some(show));
        Ok::<_, lull_boot::BootError>(started)
    })?;
    let tray_shown = tauri::async_runtime::block_on(lull_bus::tray::host_present());
    handle.manage(Integration::new(options.data_dir.clone(), started.followers.clone(), tray_shown));
    tauri::async_runtime::spawn(shortcut::follow(handle.clone(), engine.clone()));
    tauri::async_runtime::spawn(follow_inbox(handle.clone(), engine));
    tauri::async_runtime::spawn(serve_api(handle.clone(), started.serve_api(options.port)));
    handle.manage(started.guard);
    // Without a tray host a start "in the tray" would be invisible: open the window instead.
    if !options.background || !tray_shown {
        window::show(handle, None);
    } else if engine_status_first_run(handle) {
        // Started in the tray (autostart) on a new profile: say once that Lull is not holding
        // anything yet, and lead to the first run, instead of taking over silently.
        let notice = (
            "Lull is not holding anything yet".to_owned(),
            "Open it to choose your work hours and whether it may hold other apps' notifications.".to_owned(),
            notify_rust::Urgency::Normal,
            Some("focus"),
        );
        let opener: lull_bus::Opener = Arc::new(window::Opener(handle.clone()));
        tauri::async_runtime::spawn(async move { lull_bus::show::show_with(notice, Some(opener)) });
    }
    Ok(())
}

fn engine_status_first_run(handle: &AppHandle) -> bool {
    handle.state::<lull_core::Engine>().status().first_run
}

/// Serves the local API beside the window. Without it Lull still works from the tray and the
/// window, so a taken port is said (on the terminal and the desktop), not fatal.
async fn serve_api(
    app: AppHandle,
    api: impl std::future::Future<Output = Result<lull_api::Running, lull_api::StartError>>,
) {
    let integration = app.state::<Integration>();
    match api.await {
        Ok(running) => {
            integration.set_api(ApiState::Up(running.address.url.clone(), running.ipv6_warning.clone()));
            app.manage(running);
        }
        Err(err) => {
            let message = err.to_string();
            integration.set_api(ApiState::Down(message.clone()));
            tracing::warn!("the local API is off: {message}");
            lull_bus::show::show("Lull's local API is off".into(), message, notify_rust::Urgency::Normal);
        }
    }
}

/// The event that tells the window the inbox changed (it then asks for what it shows).
pub const INBOX_EVENT: &str = "lull://inbox";

/// Tells the window when the inbox changed: at most four times a second, however fast messages
/// arrive, and only while a window exists.
async fn follow_inbox(app: AppHandle, engine: Engine) {
    use tokio::sync::broadcast::error::{RecvError, TryRecvError};
    let mut changes = engine.subscribe();
    loop {
        match changes.recv().await {
            Ok(change) if touches_inbox(&change) => {}
            Ok(_) | Err(RecvError::Lagged(_)) => continue,
            Err(RecvError::Closed) => return,
        }
        loop {
            if let Some(window) = app.get_webview_window(window::MAIN) {
                let _ = window.emit(INBOX_EVENT, ());
            }
            tokio::time::sleep(std::time::Duration::from_millis(250)).await;
            let mut again = false;
            loop {
                match changes.try_recv() {
                    Ok(change) => again |= touches_inbox(&change),
                    Err(TryRecvError::Lagged(_)) => again = true,
                    Err(TryRecvError::Empty) => break,
                    Err(TryRecvError::Closed) => return,
                }
            }
            if !again {
                break;
            }
        }
    }
}

fn touches_inbox(change: &lull_core::Change) -> bool {
    use lull_core::Change;
    matches!(
        change,
        Change::Received { .. }
            | Change::Resurfaced { .. }
            | Change::PinsDue { .. }
            | Change::Digest { .. }
            | Change::InboxChanged { .. }
    )
}

/// Renders every status the engine publishes into the tray and the window, and refreshes the
/// tray's minutes-left label once a minute while a block runs (and never otherwise).
/// The icon's ink follows the desktop's colour scheme (`schemes`).
async fn follow(
    app: AppHandle,
    mut tray: Tray,
    engine: Engine,
    mut schemes: tokio::sync::watch::Receiver<Scheme>,
) {
    let clock = SystemClock;
    let mut statuses = engine.watch_status();
    let mut status: Status = statuses.borrow_and_update().clone();
    loop {
        tray.set_scheme(*schemes.borrow_and_update());
        tray.render(&status, clock.now());
        let next_label = status.block.as_ref().and_then(|block| tray::next_label_change(block, clock.now()));
        let label_due = async {
            match next_label {
                Some(at) => clock.sleep_until(at).await,
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            changed = statuses.changed() => {
                if changed.is_err() {
                    return; // the engine is gone: the app is exiting
                }
                status = statuses.borrow_and_update().clone();
                if let Err(err) = app.emit(STATUS_EVENT, &status) {
                    tracing::warn!("cannot send the status to the window: {err}");
                }
            }
            () = label_due => {}
            Ok(()) = schemes.changed() => {}
        }
    }
}
