//! One adapter per notification daemon, behind [`Adapter`]: read whether its do-not-disturb is on,
//! switch it, and say whether a critical notification still shows while it is on.
//!
//! Which daemon runs is asked of the daemon itself (`GetServerInformation`), so Lull follows the
//! one the user runs, not the desktop it guesses from the environment.

use std::future::Future;
use std::pin::Pin;

use zbus::Connection;
use zbus::{OwnedVariant as OwnedValue, Variant as Value};

pub type Fut<'a, T> = Pin<Box<dyn Future<Output = Result<T, String>> + Send + 'a>>;

pub(crate) const DAEMON: &str = "org.freedesktop.Notifications";
const PATH: &str = "/org/freedesktop/Notifications";

/// A notification daemon's do-not-disturb.
pub trait Adapter: Send + Sync {
    /// `"dunst"`, `"gnome"`, …, as the settings show it.
    fn name(&self) -> &'static str;
    fn is_on(&self) -> Fut<'_, bool>;
    fn set(&mut self, on: bool) -> Fut<'_, ()>;
    /// Whether a critical notification shows while do-not-disturb is on. Where it does not, a
    /// breakthrough lifts do-not-disturb until its notification is closed.
    fn lets_critical_through(&self) -> bool;
}

/// The adapter for the daemon that owns `org.freedesktop.Notifications` now, if Lull knows it.
/// `LULL_DND_ADAPTER` (`dunst`, `gnome`, `kde`, `mako`, `swaync`, `xfce`) names one instead, for a
/// daemon that describes itself unusually, and for tests.
pub async fn detect(bus: &Connection) -> Result<Option<Box<dyn Adapter>>, String> {
    if let Ok(name) = std::env::var("LULL_DND_ADAPTER") {
        return match for_server(&name, "", bus) {
            Some(adapter) => Ok(Some(adapter)),
            None => Err(format!("LULL_DND_ADAPTER={name} names no adapter Lull has")),
        };
    }
    let reply = bus
        .call_method(Some(DAEMON), PATH, Some(DAEMON), "GetServerInformation", &())
        .await
        .map_err(|err| format!("no notification daemon answers ({err})"))?;
    let (name, vendor, _, _): (String, String, String, String) =
        reply.body().deserialize().map_err(|err| err.to_string())?;
    Ok(for_server(&name, &vendor, bus))
}

/// Maps a daemon's self-description (or an adapter's own name) to its adapter.
pub fn for_server(name: &str, vendor: &str, bus: &Connection) -> Option<Box<dyn Adapter>> {
    let adapter: Box<dyn Adapter> = match kind(name, vendor)? {
        "dunst" => Box::new(Dunst { bus: bus.clone() }),
        "gnome" => Box::new(Gnome),
        "kde" => Box::new(Kde { bus: bus.clone(), cookie: None }),
        "mako" => Box::new(Mako { bus: bus.clone() }),
        "swaync" => Box::new(Swaync { bus: bus.clone() }),
        _ => Box::new(Xfce { bus: bus.clone() }),
    };
    Some(adapter)
}

/// Which adapter a daemon calling itself `name` (by `vendor`) needs.
fn kind(name: &str, vendor: &str) -> Option<&'static str> {
    let name = name.to_ascii_lowercase();
    let vendor = vendor.to_ascii_lowercase();
    Some(match () {
        () if name == "dunst" => "dunst",
        () if name.contains("gnome") => "gnome",
        () if name == "plasma" || name == "kde" || vendor == "kde" => "kde",
        () if name == "mako" => "mako",
        () if name.contains("swaynotificationcenter") || name == "swaync" => "swaync",
        () if name.contains("xfce") => "xfce",
        () => return None,
    })
}

/// dunst: the `paused` property of `org.dunstproject.cmd0`. dunst 1.9 (Debian 12) holds every
/// notification while paused, critical ones included.
#[derive(Debug)]
pub struct Dunst {
    pub bus: Connection,
}

impl Adapter for Dunst {
    fn name(&self) -> &'static str {
        "dunst"
    }

    fn is_on(&self) -> Fut<'_, bool> {
        Box::pin(bool_property(&self.bus, "org.dunstproject.cmd0", "paused"))
    }

    fn set(&mut self, on: bool) -> Fut<'_, ()> {
        Box::pin(async move {
            self.bus
                .call_method(
                    Some(DAEMON),
                    PATH,
                    Some("org.freedesktop.DBus.Properties"),
                    "Set",
                    &("org.dunstproject.cmd0", "paused", Value::from(on)),
                )
                .await
                .map(|_| ())
                .map_err(|err| format!("dunst: cannot set paused ({err})"))
        })
    }

    fn lets_critical_through(&self) -> bool {
        false
    }
}

/// GNOME: `org.gnome.desktop.notifications show-banners` (false is do-not-disturb), through the
/// `gsettings` tool so that whichever backend the session uses (dconf) is honoured.
#[derive(Debug)]
pub struct Gnome;

impl Adapter for Gnome {
    fn name(&self) -> &'static str {
        "gnome"
    }

    fn is_on(&self) -> Fut<'_, bool> {
        Box::pin(async {
            let out = run("gsettings", &["get", "org.gnome.desktop.notifications", "show-banners"]).await?;
            Ok(out.trim() == "false")
        })
    }

    fn set(&mut self, on: bool) -> Fut<'_, ()> {
        let banners = if on { "false" } else { "true" };
        Box::pin(async move {
            run("gsettings", &["set", "org.gnome.desktop.notifications", "show-banners", banners])
                .await
                .map(|_| ())
        })
    }

    fn lets_critical_through(&self) -> bool {
        true // GNOME shows critical notifications as banners with banners off
    }
}

/// KDE Plasma: `Inhibit` on the notification server. The inhibition belongs to Lull's bus
/// connection, so the bus lifts it by itself if Lull dies.
#[derive(Debug)]
pub struct Kde {
    pub bus: Connection,
    pub cookie: Option<u32>,
}

impl Adapter for Kde {
    fn name(&self) -> &'static str {
        "kde"
    }

    fn is_on(&self) -> Fut<'_, bool> {
        Box::pin(bool_property(&self.bus, DAEMON, "Inhibited"))
    }

    fn set(&mut self, on: bool) -> Fut<'_, ()> {
        Box::pin(async move {
            match (on, self.cookie.take()) {
                (true, None) => {
                    let hints: std::collections::HashMap<&str, Value<'_>> = std::collections::HashMap::new();
                    let reply = self
                        .bus
                        .call_method(Some(DAEMON), PATH, Some(DAEMON), "Inhibit", &("lull", "Focus", hints))
                        .await
                        .map_err(|err| format!("kde: Inhibit failed ({err})"))?;
                    self.cookie = Some(reply.body().deserialize().map_err(|err| err.to_string())?);
                }
                (false, Some(cookie)) => {
                    self.bus
                        .call_method(Some(DAEMON), PATH, Some(DAEMON), "UnInhibit", &cookie)
                        .await
                        .map_err(|err| format!("kde: UnInhibit failed ({err})"))?;
                }
                (true, Some(cookie)) => self.cookie = Some(cookie),
                (false, None) => {}
            }
            Ok(())
        })
    }

    fn lets_critical_through(&self) -> bool {
        true // Plasma shows critical notifications in do-not-disturb by default
    }
}

/// mako: its `do-not-disturb` mode, through mako's own D-Bus interface (`fr.emersion.Mako`
/// `ListModes`/`SetModes`, what `makoctl mode -a/-r` calls, without makoctl's busctl and jq). The
/// mode hides what the user's config says it hides (`[mode=do-not-disturb] invisible=1`, see the
/// README); it hides critical notifications too, so a breakthrough lifts it until it is closed.
#[derive(Debug)]
pub struct Mako {
    pub bus: Connection,
}

const MAKO_PATH: &str = "/fr/emersion/Mako";
const MAKO: &str = "fr.emersion.Mako";
const MAKO_DND: &str = "do-not-disturb";

impl Mako {
    async fn modes(&self) -> Result<Vec<String>, String> {
        let reply = self
            .bus
            .call_method(Some(DAEMON), MAKO_PATH, Some(MAKO), "ListModes", &())
            .await
            .map_err(|err| format!("mako: cannot list its modes ({err})"))?;
        reply.body().deserialize().map_err(|err| format!("mako: ListModes answered {err}"))
    }
}

impl Adapter for Mako {
    fn name(&self) -> &'static str {
        "mako"
    }

    fn is_on(&self) -> Fut<'_, bool> {
        Box::pin(async { Ok(self.modes().await?.iter().any(|mode| mode == MAKO_DND)) })
    }

    fn set(&mut self, on: bool) -> Fut<'_, ()> {
        Box::pin(async move {
            // The user's other modes stay as they are.
            let mut modes = self.modes().await?;
            modes.retain(|mode| mode != MAKO_DND);
            if on {
                modes.push(MAKO_DND.to_owned());
            }
            self.bus
                .call_method(Some(DAEMON), MAKO_PATH, Some(MAKO), "SetModes", &(modes,))
                .await
                .map(|_| ())
                .map_err(|err| format!("mako: cannot set its modes ({err})"))
        })
    }

    fn lets_critical_through(&self) -> bool {
        false // the mode hides critical ones too (unless the user's config says otherwise)
    }
}

/// SwayNotificationCenter: `GetDnd`/`SetDnd` of its control centre (`org.erikreider.swaync.cc`,
/// what `swaync-client --dnd-on` calls; the client itself waits forever when swaync is not up).
#[derive(Debug)]
pub struct Swaync {
    pub bus: Connection,
}

const SWAYNC: &str = "org.erikreider.swaync.cc";
const SWAYNC_PATH: &str = "/org/erikreider/swaync/cc";

impl Adapter for Swaync {
    fn name(&self) -> &'static str {
        "swaync"
    }

    fn is_on(&self) -> Fut<'_, bool> {
        Box::pin(async {
            let reply = self
                .bus
                .call_method(Some(SWAYNC), SWAYNC_PATH, Some(SWAYNC), "GetDnd", &())
                .await
                .map_err(|err| format!("swaync: cannot read do-not-disturb ({err})"))?;
            reply.body().deserialize().map_err(|err| format!("swaync: GetDnd answered {err}"))
        })
    }

    fn set(&mut self, on: bool) -> Fut<'_, ()> {
        Box::pin(async move {
            self.bus
                .call_method(Some(SWAYNC), SWAYNC_PATH, Some(SWAYNC), "SetDnd", &(on,))
                .await
                .map(|_| ())
                .map_err(|err| format!("swaync: cannot set do-not-disturb ({err})"))
        })
    }

    fn lets_critical_through(&self) -> bool {
        true // swaync shows critical notifications in do-not-disturb
    }
}

/// xfce4-notifyd: the `/do-not-disturb` property of its xfconf channel, through xfconfd on the
/// bus (`org.xfce.Xfconf`, what `xfconf-query` calls). A property never set reads as off.
#[derive(Debug)]
pub struct Xfce {
    pub bus: Connection,
}

const XFCONF: &str = "org.xfce.Xfconf";
const XFCONF_PATH: &str = "/org/xfce/Xfconf";
const XFCE_CHANNEL: &str = "xfce4-notifyd";
const XFCE_DND: &str = "/do-not-disturb";

impl Adapter for Xfce {
    fn name(&self) -> &'static str {
        "xfce"
    }

    fn is_on(&self) -> Fut<'_, bool> {
        Box::pin(async {
            let reply = self
                .bus
                .call_method(
                    Some(XFCONF),
                    XFCONF_PATH,
                    Some(XFCONF),
                    "GetProperty",
                    &(XFCE_CHANNEL, XFCE_DND),
                )
                .await;
            let reply = match reply {
                Ok(reply) => reply,
                // Never set: xfce4-notifyd's default, off.
                Err(zbus::Error::MethodError(name, _, _))
                    if name.as_str() == "org.xfce.Xfconf.Error.PropertyNotFound" =>
                {
                    return Ok(false);
                }
                Err(err) => return Err(format!("xfce: cannot read do-not-disturb ({err})")),
            };
            let value: OwnedValue =
                reply.body().deserialize().map_err(|err| format!("xfce: GetProperty answered {err}"))?;
            bool::try_from(value).map_err(|err| format!("xfce: do-not-disturb is not a boolean ({err})"))
        })
    }

    fn set(&mut self, on: bool) -> Fut<'_, ()> {
        Box::pin(async move {
            self.bus
                .call_method(
                    Some(XFCONF),
                    XFCONF_PATH,
                    Some(XFCONF),
                    "SetProperty",
                    &(XFCE_CHANNEL, XFCE_DND, Value::from(on)),
                )
                .await
                .map(|_| ())
                .map_err(|err| format!("xfce: cannot set do-not-disturb ({err})"))
        })
    }

    fn lets_critical_through(&self) -> bool {
        true // xfce4-notifyd shows urgent notifications in do-not-disturb
    }
}

/// Reads a boolean property of the notification daemon's object.
async fn bool_property(bus: &Connection, interface: &str, name: &str) -> Result<bool, String> {
    let reply = bus
        .call_method(Some(DAEMON), PATH, Some("org.freedesktop.DBus.Properties"), "Get", &(interface, name))
        .await
        .map_err(|err| format!("cannot read {interface}.{name} ({err})"))?;
    let value: OwnedValue = reply.body().deserialize().map_err(|err| err.to_string())?;
    bool::try_from(value).map_err(|err| format!("{interface}.{name} is not a boolean ({err})"))
}

/// Runs a daemon's control tool and returns its output.
async fn run(program: &str, args: &[&str]) -> Result<String, String> {
    let out = tokio::process::Command::new(program)
        .args(args)
        .stdin(std::process::Stdio::null())
        .kill_on_drop(true)
        .output()
        .await
        .map_err(|err| format!("cannot run {program}: {err}"))?;
    if !out.status.success() {
        return Err(format!(
            "{program} {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_daemon_is_known_by_how_it_describes_itself() {
        assert_eq!(kind("dunst", "knopwob"), Some("dunst"));
        assert_eq!(kind("gnome-shell", "GNOME"), Some("gnome"));
        assert_eq!(kind("Plasma", "KDE"), Some("kde"));
        assert_eq!(kind("mako", "emersion"), Some("mako"));
        assert_eq!(kind("SwayNotificationCenter", "erikreider"), Some("swaync"));
        assert_eq!(kind("Xfce Notify Daemon", "Xfce"), Some("xfce"));
        assert_eq!(kind("notification-daemon", "GNOME"), None, "unknown daemons get no adapter");
        assert_eq!(kind("gnome", ""), Some("gnome"), "LULL_DND_ADAPTER names an adapter directly");
    }
}
