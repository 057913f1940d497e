// Mail in the real app, against a real Dovecot started by the test: an account in the settings is
// read from the start; mail during a block is held and comes back in the block's one digest on
// dunst; mail while Open is recorded without a popup (the mail client notifies); `lull sources`
// lists the folder as running; and no mail on the server is marked as read.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { TrayApp, cli, openAllDay, restoreDunst, sleep, until } from "./app.mjs";
import { Dovecot, PASSWORD } from "./dovecot.mjs";

const dovecot = new Dovecot();
let lull;

before(async () => {
  await dovecot.start();
  lull = new TrayApp("imap", { settings: { ...openAllDay(), imap: [dovecot.account()] } });
  // No Secret Service runs on the suite's bus: the password goes to the profile's 0600 file.
  execFileSync(cli, ["secret", "set", "imap/work", "--data-dir", lull.dataDir], { input: `${PASSWORD}\n` });
  await lull.launch();
});

after(async () => {
  lull.stop();
  await dovecot.stop();
  restoreDunst();
});

const folderState = async () => (await lull.api("GET", "/v1/status")).desktop?.imap?.[0]?.status;
const ours = async () => (await lull.api("GET", "/v1/inbox")).messages.filter((m) => m.source === "imap");

const seen = new Set();
/** The notifications dunst has shown since the last call. */
function shown() {
  execFileSync("dunstctl", ["close-all"]);
  const json = JSON.parse(execFileSync("dunstctl", ["history"], { encoding: "utf8" }));
  const fresh = json.data.flat().filter((n) => !seen.has(n.id.data));
  fresh.forEach((n) => seen.add(n.id.data));
  return fresh.map((n) => `${n.summary?.data ?? ""} | ${n.body?.data ?? ""}`);
}

test("mail during a block is held and comes back in the block's one digest", async () => {
  await until("the folder is followed", async () => (await folderState())?.state === "running", 15000);
  shown();
  await lull.api("POST", "/v1/focus/start", { duration_secs: 3, intent: "imap e2e" });
  dovecot.deliver({ from: "Ann <ann@example.org>", subject: "Quarterly numbers", id: "q1@example.org", body: "see attached" });
  dovecot.deliver({ from: "CI <ci@example.org>", subject: "Build failed", id: "ci1@example.org", body: "main is red" });
  const held = await until("both are held", async () => {
    const mail = await ours();
    return mail.length === 2 && mail.every((m) => m.decision === "held") && mail;
  }, 10000);
  assert.deepEqual(held.map((m) => m.sender).sort(), ["Ann <ann@example.org>", "CI <ci@example.org>"]);
  assert.ok(held.every((m) => m.link?.startsWith("mid:")), JSON.stringify(held.map((m) => m.link)));
  await until("the block is over", async () => (await lull.api("GET", "/v1/status")).block === null, 10000);
  await sleep(1500);
  const popups = shown();
  assert.equal(popups.length, 1, `one digest and nothing else: ${JSON.stringify(popups)}`);
  assert.match(popups[0], /2/, `the digest counts the two: ${popups[0]}`);
});

test("mail while Open is recorded without a popup, lull sources lists the folder, and nothing is marked read", async () => {
  shown();
  dovecot.deliver({ from: "Bob <bob@example.org>", subject: "Lunch?", id: "lunch@example.org", body: "at noon" });
  const lunch = await until("it is recorded", async () => (await ours()).find((m) => m.title === "Lunch?"), 10000);
  assert.equal(lunch.decision, "delivered");
  await sleep(1500);
  assert.deepEqual(shown(), [], "the mail client notifies, not Lull");
  const sources = execFileSync(cli, ["sources", "--data-dir", lull.dataDir], { encoding: "utf8" });
  assert.match(sources, /Mail work\/INBOX\s+running/, sources);
  assert.match(sources, /Passwords and tokens\s+in .*secrets\.json \(mode 0600\)/, sources);
  assert.equal(dovecot.seen(), 0, "Lull only reads");
});
