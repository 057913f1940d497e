// The real app in the tray, for the suites that drive it over its HTTP API rather than WebDriver:
// start it on a fresh data directory, call its API with its token, wait for a condition. And the
// conditions every suite owns: the work hours a data directory starts with (so no test depends
// on the hour it runs at) and the desktop state a test leaves behind.
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The `lull` command built beside the app (`cargo build -p lull-cli`). */
export const cli = process.env.LULL_CLI ?? join(dirname(process.env.LULL_APP ?? ""), "lull");

const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
const pad = (n) => String(n).padStart(2, "0");

/**
 * Work hours for a test that needs Open: every day, all day, whatever the hour, day and zone the
 * suite runs in (the app gets the same TZ as this process). The daily review reminder is put
 * twelve hours from now, so it never pops up during a test.
 */
export function openAllDay() {
  const later = new Date(Date.now() + 12 * 3600 * 1000);
  const day = [{ start: "00:00", end: "24:00" }];
  return {
    work_hours: { week: Object.fromEntries(WEEKDAYS.map((name) => [name, day])) },
    review_time: `${pad(later.getHours())}:${pad(later.getMinutes())}`,
    away: NOT_IDLE,
  };
}

/**
 * An `Etc/GMT±N` zone in which the hour now is 12 (POSIX signs: `Etc/GMT-3` is UTC+3), for a
 * test about what is left of today: give it to the app as `TZ`.
 */
export function noonZone() {
  const hours = 12 - new Date().getUTCHours();
  if (hours === 0) return "Etc/GMT";
  return hours > 0 ? `Etc/GMT-${hours}` : `Etc/GMT+${-hours}`;
}

/** No work window at all: Quiet, whatever the hour, day and zone. For the tests about Quiet. */
export function quietAlways() {
  return { work_hours: { week: {} }, away: NOT_IDLE };
}

/**
 * Idleness not watched: nobody touches Xvfb's keyboard or mouse, so after ten minutes of a run
 * (the default) every later suite's Lull would find the user idle, and away. The away suite
 * sets what it tests.
 */
const NOT_IDLE = { idle_minutes: null };

/**
 * Writes `settings` (a whole document; left-out fields get their defaults) into `dataDir` with
 * `lull settings import`, before the app starts: the data directory starts with them.
 */
export function writeSettings(dataDir, settings) {
  execFileSync(cli, ["settings", "import", "-", "--data-dir", dataDir], {
    input: JSON.stringify(settings),
    stdio: ["pipe", "ignore", "inherit"],
  });
}

/** A fresh data directory named after `name`, holding `settings` (Open all day by default). */
export function dataDirWith(name, settings = openAllDay()) {
  const dataDir = mkdtempSync(join(tmpdir(), `lull-${name}-`));
  writeSettings(dataDir, settings);
  return dataDir;
}

const dunstctl = (...args) => execFileSync("dunstctl", args, { encoding: "utf8" }).trim();

/**
 * Puts the run's notification daemon back as a test found it: unpaused (a block or Quiet pauses
 * it, and an app killed mid-block leaves it so) and nothing on screen. Call it after each test
 * that touches them.
 */
export function restoreDunst() {
  dunstctl("set-paused", "false");
  dunstctl("close-all");
}

export class TrayApp {
  /**
   * A new data directory named after `name`, starting with `settings` (Open all day unless the
   * test says otherwise); nothing runs until `launch`. `env` is added to the app's environment.
   */
  constructor(name, { env = {}, settings = openAllDay() } = {}) {
    this.dataDir = mkdtempSync(join(tmpdir(), `lull-${name}-`));
    this.settings = settings;
    this.env = env;
    this.child = null;
  }

  /**
   * Starts the app in the tray (`--background`) and waits until its API answers. The first
   * launch writes the settings first; a later one (after `crash`) finds the directory as it was.
   */
  async launch() {
    if (this.settings !== null) {
      writeSettings(this.dataDir, this.settings);
      this.settings = null;
    }
    rmSync(join(this.dataDir, "api.json"), { force: true });
    this.child = spawn(process.env.LULL_APP, ["--data-dir", this.dataDir, "--port", "0", "--background"], {
      stdio: "ignore",
      env: { ...process.env, ...this.env },
    });
    for (let i = 0; i < 100 && !existsSync(join(this.dataDir, "api.json")); i++) await sleep(100);
    assert.ok(existsSync(join(this.dataDir, "api.json")), "the app serves its API");
  }

  /** SIGKILL, as a crash; resolves once the process is gone. */
  async crash() {
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    this.child.kill("SIGKILL");
    await exited;
  }

  stop() {
    if (this.child !== null && this.child.exitCode === null) this.child.kill("SIGKILL");
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** Calls the API with the token; fails the test on an error answer. */
  async api(method, path, body) {
    const { url } = JSON.parse(readFileSync(join(this.dataDir, "api.json"), "utf8"));
    const token = readFileSync(join(this.dataDir, "token"), "utf8").trim();
    const response = await fetch(url + path, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await response.json();
    assert.ok(response.ok, `${method} ${path}: ${JSON.stringify(json)}`);
    return json;
  }
}

/** Resolves to `predicate()`'s first truthy value, polling every 100 ms; fails after `timeoutMs`. */
export async function until(what, predicate, timeoutMs = 5000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await predicate();
    if (value) return value;
    assert.ok(Date.now() < end, `timed out waiting for ${what}`);
    await sleep(100);
  }
}
