// Capture resilience with the real app in the tray: during a block, 1,000 notifications from other
// processes, with the notification daemon killed part-way (the bus starts a new dunst on the next
// notification, as on a desktop where the daemon crashes); every one is recorded exactly once.
// A Notify call that reaches no daemon fails for its sender, who sends it again, as apps do.
// The data directory is Open all day, so only the block holds (and pauses dunst), at any hour.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { TrayApp, cli, restoreDunst, sleep, until } from "./app.mjs";

const run = promisify(execFile);
const TOTAL = 1000;
const lull = new TrayApp("capture");
before(() => lull.launch());
after(() => {
  lull.stop();
  restoreDunst(); // the block paused it; a failure part-way leaves it so
});

/** The bodies of every captured notification of this test, with how often each was recorded. */
async function captured() {
  const { messages } = await lull.api("GET", "/v1/export?format=json");
  const counts = new Map();
  for (const m of messages) {
    if (m.source === "desktop" && m.body.startsWith("resilience ")) counts.set(m.body, (counts.get(m.body) ?? 0) + 1);
  }
  return counts;
}

test("1,000 notifications across a daemon restart are each captured exactly once", async () => {
  await sleep(500); // the monitor is up once the app serves; give the bus a moment
  await lull.api("POST", "/v1/focus/start", { duration_secs: 600, intent: "capture e2e" });
  let retried = 0;
  const send = async (i) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await run("notify-send", ["-a", "Resilience", `n${i}`, `resilience ${i}`]);
      } catch (err) {
        if (attempt >= 5) throw err;
        retried++;
        await sleep(200);
      }
    }
  };
  let next = 0;
  let killedAt = null;
  const worker = async () => {
    while (next < TOTAL) {
      const i = next++;
      if (i === 400 && killedAt === null) {
        killedAt = i;
        execFileSync("pkill", ["-x", "dunst"]); // the next notification starts a new one
      }
      await send(i);
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
  assert.equal(killedAt, 400, "the daemon was killed part-way");

  let counts = new Map();
  for (let i = 0; i < 100 && counts.size < TOTAL; i++) {
    await sleep(100);
    counts = await captured();
  }
  const missing = [...Array(TOTAL).keys()].filter((i) => !counts.has(`resilience ${i}`));
  assert.deepEqual(missing.slice(0, 20), [], `${missing.length} notifications were not captured`);
  const twice = [...counts].filter(([, n]) => n > 1);
  assert.deepEqual(twice, [], "none was recorded twice");
  assert.equal(counts.size, TOTAL);
  console.log(`# ${TOTAL} captured once each; ${retried} sends were retried while no daemon ran`);
  await lull.api("POST", "/v1/focus/stop");
});

test("a captured notification keeps its app, and lull open starts that app through its desktop entry", async () => {
  // An app installed for this user only: its desktop entry leaves a mark when it is started.
  const home = mkdtempSync(join(tmpdir(), "lull-apps-"));
  const mark = join(home, "started");
  mkdirSync(join(home, "applications"));
  writeFileSync(
    join(home, "applications", "org.example.Mailer.desktop"),
    `[Desktop Entry]\nType=Application\nName=Example Mailer\nExec=touch ${mark}\n`,
  );
  try {
    await run("notify-send", ["-a", "Mailer", "-i", "mail-unread", "--hint=string:desktop-entry:org.example.Mailer", "New mail", "from Ann"]);
    const message = await until("the notification is captured", async () => {
      const { messages } = await lull.api("GET", "/v1/export?format=json");
      return messages.find((m) => m.source === "desktop" && m.body === "from Ann");
    });
    assert.equal(message.app, "org.example.Mailer", "the desktop-entry hint is kept");
    assert.equal(message.icon, "mail-unread");
    const said = execFileSync(cli, ["open", String(message.id), "--data-dir", lull.dataDir], {
      encoding: "utf8",
      env: { ...process.env, XDG_DATA_HOME: home },
    });
    assert.match(said, /Started Example Mailer/, said);
    await until("the app was started", async () => existsSync(mark));
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});
