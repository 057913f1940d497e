// The review window end to end: messages held during a block, the block's digest in dunst, its
// "Open" action bringing up the inbox, triage from the keyboard, and the states checked from
// outside through the `lull` CLI and the HTTP API. Then the hostile-text corpus through the real
// web view with a loopback sink that must hear nothing, and a screenshot of every view in light
// and dark. Started by tests/e2e/run.sh. Each app gets a data directory of its own, Open all day,
// so the digest comes at the block's end whatever the hour.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cli, dataDirWith, restoreDunst } from "./app.mjs";
import { Session, waitForDriver } from "./webdriver.mjs";

const driver = process.env.LULL_DRIVER_URL ?? "http://127.0.0.1:4444";
const app = process.env.LULL_APP;
const screenshots = process.env.LULL_SCREENSHOTS ?? "docs/screenshots";
assert.ok(app, "LULL_APP names the built lull-desktop binary");

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const dirs = [];

before(async () => {
  await waitForDriver(driver);
  mkdirSync(screenshots, { recursive: true });
});
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  restoreDunst();
});

/** A fresh app (its data directory Open all day) in a WebDriver session, and its API. */
async function launch(name) {
  const dataDir = dataDirWith(name);
  dirs.push(dataDir);
  const session = await Session.start(driver, app, ["--data-dir", dataDir, "--port", "0"]);
  for (let i = 0; i < 100 && !existsSync(join(dataDir, "api.json")); i++) await sleep(100);
  const { url } = JSON.parse(readFileSync(join(dataDir, "api.json"), "utf8"));
  const token = readFileSync(join(dataDir, "token"), "utf8").trim();
  async function api(method, path, body) {
    const response = await fetch(url + path, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await response.json();
    assert.ok(response.ok, `${method} ${path}: ${JSON.stringify(json).slice(0, 300)}`);
    return json;
  }
  return { dataDir, session, api };
}

/** WebDriver's codes for the keys that are not characters. */
const KEY = { Enter: "\uE007", Escape: "\uE00C", Home: "\uE011", End: "\uE010" };

/** Real key presses through WebDriver's actions, to whatever has the focus. */
async function keys(session, ...sequence) {
  for (const name of sequence) {
    const key = KEY[name] ?? name;
    await session.cmd("POST", "/actions", {
      actions: [{ type: "key", id: "keyboard", actions: [{ type: "keyDown", value: key }, { type: "keyUp", value: key }] }],
    });
    await sleep(120);
  }
}

/** The id of the message under the cursor. */
const cursor = (session) =>
  session.run("return document.querySelector('[data-testid=inbox-list]')?.getAttribute('aria-activedescendant')?.replace('message-', '') ?? null;");

async function waitUntil(what, predicate, timeoutMs = 10000) {
  const until = Date.now() + timeoutMs;
  let last;
  while (Date.now() < until) {
    last = await predicate();
    if (last) return last;
    await sleep(100);
  }
  assert.fail(`timed out waiting for ${what}`);
}

/** The summaries of everything dunst showed so far, newest first (it closes what is on screen). */
function shownSoFar() {
  execFileSync("dunstctl", ["close-all"]);
  return JSON.parse(execFileSync("dunstctl", ["history"], { encoding: "utf8" })).data.flat().map((n) => n.summary?.data);
}

const displayed = () => Number(execFileSync("dunstctl", ["count", "displayed"], { encoding: "utf8" }).trim());

async function shoot(session, name) {
  for (const theme of ["light", "dark"]) {
    await session.run(`document.documentElement.dataset.theme = ${JSON.stringify(theme)}; return true;`);
    await sleep(600);
    writeFileSync(join(screenshots, `${name}-${theme}.png`), await session.screenshot());
  }
  await session.run("delete document.documentElement.dataset.theme; return true;");
}

async function showView(session, view) {
  await session.click(`tab-${view}`);
  await session.find(`view-${view}`);
  await sleep(400);
}

test("held messages, the digest's Open, then triage with the keys; the CLI sees the result", async () => {
  const { dataDir, session, api } = await launch("review");
  try {
    await session.waitForText("state", (t) => /^open\b/i.test(t));
    assert.equal((await api("GET", "/v1/status")).mode, "open", "Open all day: the digest comes at the block's end");

    await api("POST", "/v1/focus/start", { duration_secs: 4, intent: "review e2e" });
    const senders = ["Alice", "CI", "Bob"];
    const sent = [];
    for (let i = 0; i < 20; i++) {
      const sender = senders[i % 3];
      const body = i === 7 ? `the zebra report is ready (review e2e ${i})` : `message ${i} from ${sender} (review e2e)`;
      const receipt = await api("POST", "/v1/messages", { sender, title: `Note ${i}`, body });
      assert.equal(receipt.decision, "held", "held during the block");
      sent.push({ id: receipt.id, sender, body });
    }
    execFileSync("dunstctl", ["close-all"]);

    // The digest comes when the block ends, alone (the block's end is said by it); its default
    // action ("Open") asks for the inbox.
    await waitUntil("the digest on screen", async () => displayed() > 0, 15000);
    await sleep(800);
    if (displayed() !== 1) assert.fail(`one notification at the block's end, the digest; dunst showed ${JSON.stringify(shownSoFar())}`);
    execFileSync("dunstctl", ["action", "0"]);
    let opened = false;
    for (let i = 0; i < 50 && !opened; i++) {
      await sleep(100);
      opened = await session.run("return location.hash === '#inbox';").catch(() => false);
    }
    assert.ok(opened, "the digest's action opened the inbox");
    await session.find("view-inbox");
    await waitUntil("the inbox ready", () => session.run("return document.documentElement.dataset.ready === 'inbox';"));
    assert.equal(await session.text("inbox-total"), "20", "all 20 to triage");
    assert.equal((await api("GET", "/v1/inbox/groups")).groups.length, 3, "three groups, one per sender");
    assert.match(await textOf(session, "missed-heading"), /20 held/, "what you missed: the 20 held during the block");
    await shoot(session, "inbox");

    const first = await cursor(session);
    await keys(session, "j");
    const second = await cursor(session);
    assert.notEqual(second, first, "j moves down");
    await keys(session, "k");
    assert.equal(await cursor(session), first, "k moves back up");

    await keys(session, "e"); // first: done
    await waitUntil("first gone", async () => (await session.text("inbox-total")) === "19");
    assert.equal(await cursor(session), second, "the cursor moves on to the next message");

    await keys(session, "s");
    await session.find("snooze-menu");
    await shoot(session, "inbox-snooze");
    await keys(session, "1"); // second: snoozed to tomorrow's first window
    await waitUntil("second snoozed", async () => (await session.text("inbox-total")) === "18");
    const third = await cursor(session);

    await keys(session, "p");
    await session.find("pin-menu");
    await keys(session, "Enter"); // on "Pin": no due date
    await waitUntil("third pinned", async () => /\bpinned\b/i.test(await session.text("detail-state")));

    await keys(session, "j");
    const fourth = await cursor(session);
    await keys(session, "e");
    await waitUntil("fourth done", async () => (await session.text("inbox-total")) === "17");
    await keys(session, "u");
    await waitUntil("fourth back", async () => (await session.text("inbox-total")) === "18");

    await keys(session, "?");
    await session.find("keys-dialog");
    await shoot(session, "inbox-keys");
    await keys(session, "Escape");

    await keys(session, "/");
    await session.type("search", "zebra");
    await keys(session, "Enter");
    const zebra = sent[7].id;
    await waitUntil("the search result", async () => (await cursor(session)) === String(zebra));
    await keys(session, "e");
    await waitUntil("zebra done", async () => /\bdone\b/i.test(await session.text("detail-state")));
    await keys(session, "Escape");
    await waitUntil("back in the inbox", async () => (await session.text("inbox-total")) === "17");

    // What the engine holds now, seen from outside the window.
    const listed = JSON.parse(execFileSync(cli, ["inbox", "--json", "--all", "--data-dir", dataDir], { encoding: "utf8" }));
    const messages = Array.isArray(listed) ? listed : listed.messages;
    const byId = new Map(messages.map((m) => [String(m.id), m]));
    assert.equal(byId.has(first), false, "e: the first is done, not listed");
    assert.equal(byId.get(second)?.state, "snoozed", "s: the second is snoozed");
    assert.equal(byId.get(third)?.pinned, true, "p: the third is pinned");
    assert.equal(byId.get(third)?.pin_due ?? null, null, "with no due date");
    assert.ok(byId.has(fourth) && byId.get(fourth).state !== "done", "u: the fourth is back");
    assert.equal(byId.has(String(zebra)), false, "/ then e: the search result is done");
    assert.equal((await api("GET", `/v1/inbox/${first}`)).state, "done");
    assert.equal((await api("GET", `/v1/inbox/${zebra}`)).state, "done");
    assert.equal(messages.filter((m) => m.state !== "snoozed").length, 17, "17 left to triage");

    await showView(session, "focus");
    await shoot(session, "focus");
    await showView(session, "stats");
    await shoot(session, "stats");
    await showView(session, "settings");
    await shoot(session, "settings");
  } finally {
    await session.end();
  }
});

test("hostile message text shows as text in the real web view: nothing runs, nothing loads", async () => {
  const hits = [];
  const sink = createServer((request, response) => {
    hits.push(`${request.method} ${request.url}`);
    response.end("no");
  });
  await new Promise((resolve) => sink.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${sink.address().port}`;

  const { session, api } = await launch("hostile");
  try {
    await session.waitForText("state", (t) => /^open\b/i.test(t));
    const corpus = JSON.parse(readFileSync("tests/fixtures/hostile.json", "utf8")).messages;
    const expand = (field) =>
      field === null || typeof field === "string"
        ? (field?.replaceAll("{{SINK}}", base) ?? null)
        : field.repeat.repeat(Math.ceil(field.length / field.repeat.length)).slice(0, field.length);
    const ids = [];
    for (const entry of corpus) {
      const receipt = await api("POST", "/v1/messages", {
        sender: expand(entry.sender),
        title: expand(entry.title),
        body: expand(entry.body),
        link: expand(entry.link) ?? undefined,
        tags: entry.tags.map(expand),
      });
      ids.push(receipt.id);
    }

    await session.click("tab-inbox");
    await waitUntil("the inbox ready", () => session.run("return document.documentElement.dataset.ready === 'inbox';"));
    const count = () => session.run("return document.querySelectorAll('script, iframe, object, embed').length;");
    const before = await count();
    await keys(session, "Home");
    for (let i = 0; i < ids.length; i++) {
      if (i > 0) await keys(session, "j");
      const id = await cursor(session);
      const stored = await api("GET", `/v1/inbox/${id}`);
      await waitUntil(`message ${id}'s whole body`, () =>
        session.run("return document.querySelector('[data-testid=detail-body]')?.textContent.length ?? -1;").then((n) => n === stored.body.length),
      );
      const shown = await session.run(
        "const q = (id) => document.querySelector(`[data-testid=${id}]`)?.textContent ?? null; return { body: q('detail-body'), sender: q('detail-sender') };",
      );
      assert.equal(shown.body, stored.body, `message ${id}: the body, as text`);
      assert.equal(shown.sender, stored.sender ?? "—", `message ${id}: the sender, as text`);
      assert.equal(await count(), before, `message ${id}: no script, iframe, object or embed appeared`);
      const links = await session.run("return [...document.querySelectorAll('a[href], [href], [src]')].map((e) => e.outerHTML.slice(0, 200));");
      assert.deepEqual(links.filter((l) => l.includes(base)), [], `message ${id}: no element points at the sink`);
    }
    await shoot(session, "inbox-hostile");
    await sleep(1000);
    assert.deepEqual(hits, [], "the loopback sink received no request");
  } finally {
    await session.end();
    sink.close();
  }
});

/** An element's text, or null while it is not there (a view is being switched). */
const textOf = (session, id) =>
  session.run(`return document.querySelector('[data-testid=${id}]')?.textContent ?? null;`);

/** Shift held over `key`, as a person types a capital command key. */
async function shifted(session, key) {
  const shift = "\uE008";
  await session.cmd("POST", "/actions", {
    actions: [{ type: "key", id: "keyboard", actions: [{ type: "keyDown", value: shift }, { type: "keyDown", value: key }, { type: "keyUp", value: key }, { type: "keyUp", value: shift }] }],
  });
  await sleep(120);
}

test("a 500-message group done with E and undone from the toast; the views; dialogs keep the focus", async () => {
  const { session, api } = await launch("bulk");
  try {
    for (let i = 0; i < 500; i += 50) {
      await Promise.all(
        Array.from({ length: 50 }, (_, j) => api("POST", "/v1/messages", { sender: "CI-bulk", title: `Build ${i + j}`, body: "passed (bulk e2e)" })),
      );
    }
    await api("POST", "/v1/messages", { sender: "Alice-bulk", title: "Lunch?", body: "noon (bulk e2e)" });
    await showView(session, "inbox");
    await waitUntil("the inbox ready", () => session.run("return document.documentElement.dataset.ready === 'inbox';"));
    await waitUntil("all 501", async () => (await textOf(session, "inbox-total")) === "501");

    // The cursor starts on CI's newest (Alice's one message is folded under Others, last).
    await keys(session, "j");
    await shifted(session, "E");
    await waitUntil("CI's 500 done in one go", async () => (await textOf(session, "inbox-total")) === "1");
    const toast = await session.run("return document.querySelector('[data-testid=undo-toast-message]')?.textContent ?? '';");
    assert.match(toast, /500/, `the toast says how many: ${toast}`);
    assert.equal((await api("GET", "/v1/inbox/groups")).done, 500, "the engine has them done");
    await shoot(session, "inbox-bulk");
    await session.click("undo-toast-action");
    await waitUntil("all back from the toast's Undo", async () => (await textOf(session, "inbox-total")) === "501");

    await session.click("inbox-view-done");
    await waitUntil("the Done view's empty state", async () => (await session.findAll("view-empty")).length === 1);
    await session.click("inbox-view-inbox");
    await waitUntil("the inbox again", async () => (await textOf(session, "inbox-total")) === "501");
    await keys(session, "p");
    await session.find("pin-menu");
    await keys(session, "Enter");
    await waitUntil("one pinned", async () => /Pinned\s*1/.test(await textOf(session, "inbox-views")));
    await session.click("inbox-view-pinned");
    await waitUntil("the pinned view lists it", async () => (await session.findAll("message-row")).length === 1);
    await shoot(session, "inbox-pinned");
    await session.click("inbox-view-inbox");
    await waitUntil("the inbox again", async () => (await textOf(session, "inbox-total")) === "501");

    // A dialog keeps the keyboard: Tab never leaves the snooze menu, Esc gives it back.
    await keys(session, "s");
    await session.find("snooze-menu");
    for (let i = 0; i < 12; i++) await keys(session, "\uE004");
    const inside = await session.run(
      "return document.querySelector('[data-testid=snooze-menu]').contains(document.activeElement);",
    );
    assert.equal(inside, true, "Tab stays inside the open dialog");
    await keys(session, "Escape");
    await waitUntil("the list has the keyboard again", () =>
      session.run("return document.activeElement?.getAttribute('data-testid') === 'inbox-list';"),
    );

    // Grouped by sender, Alice's one message folds under Others, after CI's 500. Then g steps
    // to Source (one heading for the API) and None (no headings), and the setting follows.
    const headings = () =>
      session.run("return [...document.querySelectorAll('[data-testid=group-heading]')].map((h) => h.textContent.trim());");
    await waitUntil("CI's group first", async () => /^CI-bulk/.test((await headings())[0] ?? ""));
    await keys(session, "End"); // only the rows in view are drawn: Others is 500 rows down
    await waitUntil("Others last", async () => (await headings()).some((h) => /^Others/.test(h)));
    await keys(session, "Home");
    await keys(session, "g");
    await waitUntil("one heading per source", async () => {
      const shown = await headings();
      return shown.length === 1 && /^API/.test(shown[0]);
    });
    assert.equal((await api("GET", "/v1/settings")).inbox_grouping, "source", "the choice is the setting");
    await keys(session, "g");
    await waitUntil("no headings at all", async () => (await headings()).length === 0 && (await session.findAll("message-row")).length > 0);
    assert.equal((await textOf(session, "inbox-total")), "501", "every message still counted");
    await keys(session, "g");
    await waitUntil("back to senders", async () => /^CI-bulk/.test((await headings())[0] ?? ""));
  } finally {
    await session.end();
  }
});
