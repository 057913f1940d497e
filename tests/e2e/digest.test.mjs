// The promise of a focus block, end to end: messages sent over the local API during a block make
// no popups; when the block ends the notification daemon (dunst) shows exactly one digest. A
// message sent while Open is shown at once. The real app, in the tray only, on a private bus; its
// data directory is Open all day, so the digest comes at the block's end whatever the hour.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { TrayApp, restoreDunst, sleep } from "./app.mjs";

const lull = new TrayApp("digest");
before(() => lull.launch());
after(() => {
  lull.stop();
  restoreDunst();
});

/** Every notification dunst has shown so far (closing the displayed ones moves them to history). */
function shown() {
  execFileSync("dunstctl", ["close-all"]);
  const json = JSON.parse(execFileSync("dunstctl", ["history"], { encoding: "utf8" }));
  // `message` is what dunst rendered (its format applied, as Pango markup).
  return json.data.flat().map((n) => ({ summary: n.summary?.data, body: n.body?.data, message: n.message?.data }));
}

/** The WebKit processes the app started (a web view exists while there is one). */
function webProcesses(pid) {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        const stat = readFileSync(`/proc/${name}/stat`, "utf8");
        const [head, tail] = [stat.slice(0, stat.lastIndexOf(")")), stat.slice(stat.lastIndexOf(")") + 1)];
        return head.includes("(WebKit") && Number(tail.trim().split(/\s+/)[1]) === pid;
      } catch {
        return false;
      }
    });
}

/** Lull's window as X11 sees it: "viewable" when shown, "unmapped" when built hidden, null when none. */
function windowState() {
  try {
    const info = execFileSync("xwininfo", ["-name", "Lull"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    return /Map State: IsViewable/.test(info) ? "viewable" : "unmapped";
  } catch {
    return null;
  }
}

test("a digest makes the inbox ready, hidden, and its Open shows it", async () => {
  assert.equal(webProcesses(lull.child.pid).length, 0, "in the tray, no web view at first");
  await lull.api("POST", "/v1/focus/start", { duration_secs: 2, intent: "ready e2e" });
  await lull.api("POST", "/v1/messages", { sender: "Ready-e2e", body: "held (ready e2e)" });
  let displayed = 0;
  for (let i = 0; i < 50 && displayed === 0; i++) {
    await sleep(200);
    displayed = Number(execFileSync("dunstctl", ["count", "displayed"], { encoding: "utf8" }).trim());
  }
  assert.equal(displayed, 1, "the digest is on screen");
  let ready = false;
  for (let i = 0; i < 50 && !ready; i++) {
    await sleep(200);
    ready = webProcesses(lull.child.pid).length > 0;
  }
  assert.ok(ready, "a web view was started for the inbox when the digest appeared");
  assert.notEqual(windowState(), "viewable", "but nothing is shown until asked");

  execFileSync("dunstctl", ["action", "0"]);
  let state = null;
  for (let i = 0; i < 50 && state !== "viewable"; i++) {
    await sleep(100);
    state = windowState();
  }
  assert.equal(state, "viewable", "the digest's Open shows the window made ready");
});

test("messages held during a block make no popups, and its end shows exactly one digest", async () => {
  await lull.api("POST", "/v1/focus/start", { duration_secs: 3, intent: "digest e2e" });
  const senders = ["CI-e2e", "CI-e2e", "Alice-e2e"];
  for (const [i, sender] of senders.entries()) {
    const receipt = await lull.api("POST", "/v1/messages", { sender, body: `held message ${i} (digest e2e)` });
    assert.equal(receipt.decision, "held", "held during the block");
  }
  await sleep(1000);
  assert.ok(!shown().some((n) => n.body?.includes("(digest e2e)")), "no popup for a held message");

  let digests = [];
  for (let i = 0; i < 40 && digests.length === 0; i++) {
    await sleep(200);
    digests = shown().filter((n) => n.summary === "3 held while you focused");
  }
  assert.equal(digests.length, 1, "exactly one digest");
  assert.equal(digests[0].body, "2 from CI-e2e, 1 from Alice-e2e");
  assert.ok(!shown().some((n) => n.body?.includes("(digest e2e)")), "and still no popup per message");

  const delivered = await lull.api("POST", "/v1/messages", { sender: "Bob-e2e", title: "Lunch?", body: "noon (open e2e)" });
  assert.equal(delivered.decision, "delivered");
  let popup;
  for (let i = 0; i < 25 && !popup; i++) {
    await sleep(200);
    popup = shown().find((n) => n.body === "noon (open e2e)");
  }
  assert.equal(popup?.summary, "Bob-e2e: Lunch?", "a message while Open is shown at once");
});

test("a publisher's markup shows as written in dunst, which reads bodies as markup", async () => {
  const capabilities = execFileSync("busctl", ["--user", "call", "org.freedesktop.Notifications", "/org/freedesktop/Notifications",
    "org.freedesktop.Notifications", "GetCapabilities"], { encoding: "utf8" });
  assert.match(capabilities, /"body-markup"/, "this run's dunst announces body-markup (markup = full)");
  const body = '<b>bold</b> <a href="https://example.com">link</a> <img src="x.png"/> R&D exit <1> (markup e2e)';
  const sent = await lull.api("POST", "/v1/messages", { sender: "Markup-e2e", body });
  assert.equal(sent.decision, "delivered");
  let popup;
  for (let i = 0; i < 25 && !popup; i++) {
    await sleep(200);
    popup = shown().find((n) => n.summary === "Markup-e2e");
  }
  assert.ok(popup, "the message was shown");
  const escaped = '&lt;b&gt;bold&lt;/b&gt; &lt;a href="https://example.com"&gt;link&lt;/a&gt; &lt;img src="x.png"/&gt; R&amp;D exit &lt;1&gt; (markup e2e)';
  assert.equal(popup.body, escaped, "sent escaped, so Pango draws the characters, not bold text, a link or an image");
  assert.ok(popup.message.endsWith(escaped), `and rendered from the escaped text: ${popup.message}`);
});
