//! The global shortcut that toggles focus: starts a block of the first preset, or stops the
//! running one. Registered from the settings, again whenever they change. Global shortcuts
//! work on X11; Wayland compositors offer none to applications, which the settings view says.
//!
//! The plugin is loaded only once a shortcut is set (none is by default): its X11 listener
//! (the `global-hotkey` crate) polls the display every 50 ms, 1,200 wake-ups a minute, which an
//! idle Lull must not pay for a feature the user did not ask for.

use crate::integration::ShortcutStatus;
use lull_core::{Change, Engine};
use tauri::plugin::TauriPlugin;
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_global_shortcut::{GlobalShortcutExt, ShortcutState};

use crate::integration::Integration;

pub fn plugin<R: Runtime>() -> TauriPlugin<R> {
    tauri_plugin_global_shortcut::Builder::new()
        .with_handler(|app, _shortcut, event| {
            if event.state() == ShortcutState::Pressed {
                toggle_focus(app.state::<Engine>().inner().clone());
            }
        })
        .build()
}

fn toggle_focus(engine: Engine) {
    tauri::async_runtime::spawn(async move {
        let result = if engine.status().block.is_some() {
            engine.stop_focus().await.map(drop)
        } else {
            let minutes =
                engine.settings().await.ok().and_then(|s| s.focus_presets.first().copied()).unwrap_or(25);
            engine.start_focus(i64::from(minutes) * 60, None).await.map(drop)
        };
        if let Err(err) = result {
            lull_bus::show::show("Lull".into(), err.message, notify_rust::Urgency::Low);
        }
    });
}

/// Registers the shortcut the settings name, now and after every change of settings.
pub async fn follow(app: AppHandle, engine: Engine) {
    let mut changes = engine.subscribe_transitions();
    let mut current = engine.settings().await.ok().and_then(|s| s.shortcut);
    loop {
        register(&app, current.as_deref());
        loop {
            match changes.recv().await {
                Ok(Change::SettingsChanged { settings }) if settings.shortcut != current => {
                    current = settings.shortcut;
                    break;
                }
                Ok(_) | Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {}
                Err(tokio::sync::broadcast::error::RecvError::Closed) => return,
            }
        }
    }
}

/// Whether the plugin has been added to the app (it cannot be removed again).
static LOADED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

fn register(app: &AppHandle, accelerator: Option<&str>) {
    use std::sync::atomic::Ordering;
    if LOADED.load(Ordering::Relaxed) {
        let _ = app.global_shortcut().unregister_all();
    }
    let wayland = std::env::var("XDG_SESSION_TYPE").is_ok_and(|t| t == "wayland");
    if accelerator.is_some()
        && !wayland
        && !LOADED.swap(true, Ordering::Relaxed)
        && let Err(err) = app.plugin(plugin())
    {
        LOADED.store(false, Ordering::Relaxed);
        let detail = Some(format!("cannot listen for global shortcuts: {err}"));
        if let Some(integration) = app.try_state::<Integration>() {
            integration.set_shortcut(ShortcutStatus { registered: false, detail });
        }
        return;
    }
    let status = match accelerator {
        None => ShortcutStatus { registered: false, detail: Some("no shortcut is set".into()) },
        Some(_) if wayland => ShortcutStatus {
            registered: false,
            detail: Some("Wayland gives applications no global shortcuts; bind `lull focus` / `lull stop` in your compositor instead".into()),
        },
        Some(accelerator) => match app.global_shortcut().register(accelerator) {
            Ok(()) => ShortcutStatus { registered: true, detail: None },
            Err(err) => ShortcutStatus { registered: false, detail: Some(format!("{accelerator}: {err}")) },
        },
    };
    if let Some(integration) = app.try_state::<Integration>() {
        integration.set_shortcut(status);
    }
}
