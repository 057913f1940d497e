//! A tray icon with an Open window and a Quit item: what any Tauri tray app costs at rest, and
//! how long its window takes to show a trivial page (the floor under Lull's review window).

use tauri::menu::{Menu, MenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{WebviewUrl, WebviewWindowBuilder};

fn main() {
    let app = tauri::Builder::default()
        .setup(|app| {
            let open = MenuItem::with_id(app, "open", "Open window", true, None::<&str>)?;
            let quit = MenuItem::with_id(app, "quit", "Quit", true, None::<&str>)?;
            let menu = Menu::with_items(app, &[&open, &quit])?;
            let mut tray = TrayIconBuilder::with_id("baseline").menu(&menu).on_menu_event(|app, event| {
                if event.id().as_ref() == "open" {
                    let built = WebviewWindowBuilder::new(app, "main", WebviewUrl::App("index.html".into()))
                        .title("baseline")
                        .inner_size(960.0, 680.0)
                        .build();
                    if let Err(err) = built {
                        eprintln!("baseline: {err}");
                    }
                } else {
                    app.exit(0);
                }
            });
            if let Some(icon) = app.default_window_icon() {
                tray = tray.icon(icon.clone());
            }
            tray.build(app)?;
            Ok(())
        })
        .build(tauri::generate_context!());
    match app {
        Ok(app) => app.run(|_, event| {
            if let tauri::RunEvent::ExitRequested { api, code: None, .. } = event {
                api.prevent_exit();
            }
        }),
        Err(err) => eprintln!("baseline: {err}"),
    }
}
