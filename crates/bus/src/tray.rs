//! Whether the desktop shows tray icons at all. Linux trays are StatusNotifierItems, which appear
//! only where a host has registered `org.kde.StatusNotifierWatcher` on the session bus (KDE,
//! Xfce, Cinnamon, sway's waybar, GNOME with the AppIndicator extension); stock GNOME has none,
//! and an app that starts "in the tray" there starts invisibly.

use zbus::Connection;
use zbus::names::BusName;

/// The bus name a tray host owns.
pub const WATCHER: &str = "org.kde.StatusNotifierWatcher";

/// Whether a tray host runs on the session bus; `false` without a session bus.
pub async fn host_present() -> bool {
    let Ok(bus) = Connection::session().await else { return false };
    let Ok(proxy) = zbus::fdo::DBusProxy::new(&bus).await else { return false };
    let Ok(name) = BusName::try_from(WATCHER) else { return false };
    proxy.name_has_owner(name).await.unwrap_or(false)
}
