// The real app in the tray, for the suites that drive it over its HTTP API rather than WebDriver:
// start it on a fresh data directory, call its API with its token, wait for a condition.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export class TrayApp {
  /** A new data directory named after `name`; nothing runs until `launch`. */
  constructor(name, env = {}) {
    this.dataDir = mkdtempSync(join(tmpdir(), `lull-${name}-`));
    this.env = env;
    this.child = null;
  }

  /** Starts the app in the tray (`--background`) and waits until its API answers. */
  async launch() {
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

  /** Outside work hours the digest waits for the next window: keep a test about blocks Open. */
  async beOpen() {
    const status = await this.api("GET", "/v1/status");
    if (status.mode !== "open") await this.api("POST", "/v1/mode/working-late", { until: "23:59" });
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
