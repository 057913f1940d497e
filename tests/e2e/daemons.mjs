// The notification daemon a run of the suite has on its bus, chosen by LULL_E2E_DAEMON (run.sh
// starts it): dunst (the default), xfce (xfce4-notifyd under Xvfb), mako or swaync (under a
// headless sway), kde (a stand-in for Plasma's server). Each is read and driven with its own tools, never through Lull, and what it
// shows is read from the screen it draws on, so a test checks what the user would see:
// - dunst: `dunstctl` (its history also gives each popup's text);
// - xfce: xfconf for do-not-disturb, its popups as windows in `xwininfo`;
// - mako, swaync: their D-Bus interfaces, their popups counted on a `grim` screenshot;
// - kde: a stand-in (kde-standin.py) that says what it would show.
import { execFileSync, spawn } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const run = (program, args) => execFileSync(program, args, { encoding: "utf8", timeout: 5000 }).trim();
const busCall = (dest, path, method, ...args) =>
  run("dbus-send", ["--session", "--print-reply=literal", `--dest=${dest}`, path, method, ...args]);

/**
 * The Wayland output as grim sees it now: its size and each pixel's RGB (`pixel(x, y)`, a
 * Buffer of three bytes). grim writes binary PPM: `P6 <width> <height> <max>` then RGB bytes.
 */
export function screenshot() {
  const file = join(tmpdir(), `lull-e2e-shot-${process.pid}.ppm`);
  execFileSync("grim", ["-t", "ppm", file], { timeout: 5000 });
  const data = readFileSync(file);
  rmSync(file, { force: true });
  const header = data.subarray(0, 64).toString("latin1").split(/\s+/);
  const [width, height] = [Number(header[1]), Number(header[2])];
  const start = data.length - width * height * 3;
  const pixel = (x, y) => data.subarray(start + (y * width + x) * 3, start + (y * width + x) * 3 + 3);
  return { width, height, pixel };
}

/** Counts popups on a screenshot: separate runs of rows, down the column where popups stack. */
function popupsOnScreen(column) {
  const { width, height, pixel } = screenshot();
  const x = width - column;
  const background = Buffer.from(pixel(x, height - 1));
  let popups = 0;
  let inside = false;
  for (let y = 0; y < height; y++) {
    const drawn = !pixel(x, y).equals(background);
    if (drawn && !inside) popups += 1;
    inside = drawn;
  }
  return popups;
}

const XFCE4_NOTIFYD = "/usr/lib/x86_64-linux-gnu/xfce4/notifyd/xfce4-notifyd";

/** Whether someone owns `name` on the session bus (asking never activates it). */
function hasOwner(name) {
  return busCall("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner", `string:${name}`).includes("true");
}

const KDE_STANDIN = fileURLToPath(new URL("./kde-standin.py", import.meta.url));
const kde = (method, ...args) =>
  busCall("org.freedesktop.Notifications", "/org/freedesktop/Notifications", `org.kde.LullStandIn.${method}`, ...args);

const drivers = {
  dunst: {
    adapter: "dunst",
    /** Whether the daemon shows a critical notification while its do-not-disturb is on. */
    criticalThroughDnd: false,
    dndOn: () => run("dunstctl", ["is-paused"]) === "true",
    setDnd: (on) => run("dunstctl", ["set-paused", String(on)]),
    popups: () => Number(run("dunstctl", ["count", "displayed"])),
    clear: () => run("dunstctl", ["close-all"]),
    /** The text of what was shown, newest first, when the daemon can tell (dunst's history). */
    shownTexts: () =>
      JSON.parse(run("dunstctl", ["history"]))
        .data.flat()
        .map((n) => ({ summary: n.summary?.data, body: n.body?.data })),
  },
  xfce: {
    adapter: "xfce",
    criticalThroughDnd: true,
    dndOn: () => {
      try {
        return run("xfconf-query", ["-c", "xfce4-notifyd", "-p", "/do-not-disturb"]) === "true";
      } catch {
        return false; // never set: off
      }
    },
    setDnd: (on) =>
      run("xfconf-query", ["-c", "xfce4-notifyd", "-p", "/do-not-disturb", "-n", "-t", "bool", "-s", String(on)]),
    // Each popup is a window of its own; xfce4-notifyd also keeps one 10x10 window unmapped.
    popups: () =>
      run("xwininfo", ["-root", "-children"])
        .split("\n")
        .filter((line) => line.includes('"xfce4-notifyd"') && !/\b10x10\+/.test(line)).length,
    // xfce4-notifyd has no "close all", and the ids of Lull's popups are Lull's: it is quit and
    // started again (as run.sh started it), which takes its popups with it.
    clear: () => drivers.xfce.restart(),
    shownTexts: null,
  },
  mako: {
    adapter: "mako",
    criticalThroughDnd: false,
    dndOn: () => busCall("org.freedesktop.Notifications", "/fr/emersion/Mako", "fr.emersion.Mako.ListModes").includes("do-not-disturb"),
    setDnd: (on) =>
      busCall(
        "org.freedesktop.Notifications",
        "/fr/emersion/Mako",
        "fr.emersion.Mako.SetModes",
        on ? "array:string:default,do-not-disturb" : "array:string:default",
      ),
    popups: () => popupsOnScreen(100),
    clear: () => busCall("org.freedesktop.Notifications", "/fr/emersion/Mako", "fr.emersion.Mako.DismissAllNotifications"),
    shownTexts: null,
  },
  swaync: {
    adapter: "swaync",
    criticalThroughDnd: true,
    dndOn: () => busCall("org.erikreider.swaync.cc", "/org/erikreider/swaync/cc", "org.erikreider.swaync.cc.GetDnd").includes("true"),
    setDnd: (on) =>
      busCall("org.erikreider.swaync.cc", "/org/erikreider/swaync/cc", "org.erikreider.swaync.cc.SetDnd", `boolean:${on}`),
    popups: () => popupsOnScreen(100),
    clear: () => busCall("org.erikreider.swaync.cc", "/org/erikreider/swaync/cc", "org.erikreider.swaync.cc.CloseAllNotifications"),
    shownTexts: null,
  },
  // KDE Plasma cannot be installed here: a stand-in with its notification server's inhibitions
  // (kde-standin.py, see docs/testing.md). An inhibition belongs to its owner's connection, so a
  // crashed Lull's ends with it.
  kde: {
    adapter: "kde",
    criticalThroughDnd: true,
    liftsOnCrash: true,
    dndOn: () =>
      busCall("org.freedesktop.Notifications", "/org/freedesktop/Notifications", "org.freedesktop.DBus.Properties.Get", "string:org.freedesktop.Notifications", "string:Inhibited").includes("true"),
    setDnd: (on) => kde("SetUserInhibited", `boolean:${on}`),
    popups: () => (kde("Displayed").match(/uint32 \d+/g) ?? []).length,
    clear: () => kde("CloseAll"),
    shownTexts: null,
  },
};

/** The PID of the connection that owns `name`. */
function ownerPid(name) {
  const out = busCall("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus.GetConnectionUnixProcessID", `string:${name}`);
  return Number(out.trim().split(/\s+/).at(-1));
}

/** Kills the daemon and starts it again as run.sh did: a restart the user might do. */
function restart(program) {
  return () => {
    const pid = ownerPid("org.freedesktop.Notifications");
    process.kill(pid, "SIGTERM");
    for (let i = 0; i < 50 && hasOwner("org.freedesktop.Notifications"); i++) execFileSync("sleep", ["0.1"]);
    spawn(program, [], { stdio: "ignore", detached: true }).unref();
    for (let i = 0; i < 50 && !hasOwner("org.freedesktop.Notifications"); i++) execFileSync("sleep", ["0.1"]);
  };
}

drivers.dunst.restart = restart("dunst");
drivers.xfce.restart = restart(XFCE4_NOTIFYD);
drivers.mako.restart = restart("mako");
drivers.swaync.restart = restart("swaync");
drivers.kde.restart = restart(KDE_STANDIN);

/** The daemon of this run. */
export const daemon = drivers[process.env.LULL_E2E_DAEMON ?? "dunst"];
if (daemon === undefined) throw new Error(`LULL_E2E_DAEMON=${process.env.LULL_E2E_DAEMON} names no daemon`);
daemon.name = process.env.LULL_E2E_DAEMON ?? "dunst";

/** Puts the daemon back as a test found it: do-not-disturb off and nothing on screen. */
export function restoreDaemon() {
  daemon.setDnd(false);
  daemon.clear();
}
