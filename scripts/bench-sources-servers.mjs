// The servers scripts/bench-tray.sh configures Lull with (LULL_BENCH_SOURCES=1), so the tray
// idles with one of each remote source open: a real Dovecot (tests/e2e/dovecot.mjs) with the
// folder in IDLE, an ntfy topic whose stream sends a keepalive every 45 s as ntfy.sh does, and a
// Gotify server whose /stream WebSocket is pinged every 45 s as Gotify's is. ntfy and Gotify are
// stand-ins (neither can be installed here; see docs/testing.md). It writes the settings and the
// secrets into the data directory with the `lull` command, prints "ready", and runs until killed.
// CALENDARS_DIR, a second profile, gets one calendar of each kind instead: an ICS file, an ICS URL
// and a CalDAV collection, the last two on a real Radicale (Debian's) with a weekly meeting, each
// polled at the default interval.
//   node scripts/bench-sources-servers.mjs DATA_DIR CALENDARS_DIR path/to/lull
import { execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Dovecot, PASSWORD } from "../tests/e2e/dovecot.mjs";

const [dataDir, calendarsDir, lull] = process.argv.slice(2);
const KEEPALIVE_MS = 45_000;
const GOTIFY_TOKEN = "Cbench0000000000";

function listen(server) {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server.address().port)));
}

const ntfy = createServer((req, res) => {
  res.writeHead(200, { "content-type": "application/x-ndjson; charset=utf-8" });
  const line = (event) => res.write(JSON.stringify({ id: "bench0000000", time: Math.floor(Date.now() / 1000), ...event }) + "\n");
  line({ event: "open", topic: "alerts" });
  const timer = setInterval(() => line({ event: "keepalive", topic: "alerts" }), KEEPALIVE_MS);
  req.on("close", () => clearInterval(timer));
});

const gotify = createServer((req, res) => {
  if (req.headers["x-gotify-key"] !== GOTIFY_TOKEN) return res.writeHead(401).end();
  const json = (body) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
  if (req.url.startsWith("/application")) return json([]);
  if (req.url.startsWith("/message")) return json({ messages: [], paging: { size: 0, limit: 100, since: 0 } });
  res.writeHead(404).end();
});
gotify.on("upgrade", (req, socket) => {
  if (req.headers["x-gotify-key"] !== GOTIFY_TOKEN) return socket.end("HTTP/1.1 401 Unauthorized\r\n\r\n");
  const accept = createHash("sha1").update(req.headers["sec-websocket-key"] + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").digest("base64");
  socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
  const timer = setInterval(() => socket.write(Buffer.from([0x89, 0x00])), KEEPALIVE_MS); // a ping
  socket.on("data", () => {}); // pongs
  socket.on("close", () => clearInterval(timer));
  socket.on("error", () => clearInterval(timer));
});

const dovecot = await new Dovecot().start();
const [ntfyPort, gotifyPort] = [await listen(ntfy), await listen(gotify)];
const settings = JSON.parse(execFileSync(lull, ["settings", "--data-dir", dataDir], { encoding: "utf8" }));
settings.ntfy = [{ id: "bench", server: `http://127.0.0.1:${ntfyPort}`, topics: ["alerts"], auth: { kind: "none" } }];
settings.gotify = [{ id: "bench", server: `http://127.0.0.1:${gotifyPort}` }];
settings.imap = [dovecot.account("bench")];
execFileSync(lull, ["settings", "import", "-", "--data-dir", dataDir], { input: JSON.stringify(settings) });
execFileSync(lull, ["secret", "set", "gotify/bench", "--data-dir", dataDir], { input: `${GOTIFY_TOKEN}\n` });
execFileSync(lull, ["secret", "set", "imap/bench", "--data-dir", dataDir], { input: `${PASSWORD}\n` });

// Radicale on a free loopback port, one htpasswd user, its collections in a scratch folder.
const RADICALE_PASSWORD = "pw-bench-radicale";
const scratch = mkdtempSync(join(tmpdir(), "lull-bench-cal-"));
writeFileSync(join(scratch, "users"), `lull:${RADICALE_PASSWORD}\n`);
const probe = createServer();
const radicale = { port: await listen(probe) }; // a free port, given to Radicale
await new Promise((resolve) => probe.close(resolve));
const radicaleChild = spawn("radicale", ["--config", "", "--server-hosts", `127.0.0.1:${radicale.port}`,
  "--auth-type", "htpasswd", "--auth-htpasswd-encryption", "plain", "--auth-delay", "0",
  "--auth-htpasswd-filename", join(scratch, "users"), "--storage-filesystem-folder", join(scratch, "collections"),
  "--rights-type", "owner_only"], { stdio: "ignore" });
const dav = (method, path, body) => new Promise((resolve, reject) => {
  const req = request({ host: "127.0.0.1", port: radicale.port, path, method,
    headers: { authorization: "Basic " + Buffer.from(`lull:${RADICALE_PASSWORD}`).toString("base64"),
      "content-type": "text/calendar" } }, (res) => { res.resume(); res.on("end", () => resolve(res.statusCode)); });
  req.on("error", reject);
  req.end(body);
});
for (let tries = 0; ; tries++) {
  try { await dav("OPTIONS", "/"); break; } catch (err) {
    if (tries > 100) throw err;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
const weekly = (uid) => ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Lull bench//EN", "BEGIN:VEVENT", `UID:${uid}`,
  "DTSTAMP:20261201T090000Z", "DTSTART;TZID=Europe/Berlin:20261201T100000", "DTEND;TZID=Europe/Berlin:20261201T103000",
  "RRULE:FREQ=WEEKLY;BYDAY=MO,WE", "SUMMARY:Stand-up", "END:VEVENT", "END:VCALENDAR", ""].join("\r\n");
for (const name of ["work", "team"]) {
  if ((await dav("MKCALENDAR", `/lull/${name}/`)) !== 201) throw new Error(`MKCALENDAR ${name}`);
  if (![201, 204].includes(await dav("PUT", `/lull/${name}/standup.ics`, weekly(`${name}-standup`)))) throw new Error(`PUT ${name}`);
}
const icsFile = join(scratch, "holidays.ics");
writeFileSync(icsFile, weekly("file-standup"));
const base = `http://127.0.0.1:${radicale.port}/lull`;
const calendarSettings = JSON.parse(execFileSync(lull, ["settings", "--data-dir", calendarsDir], { encoding: "utf8" }));
calendarSettings.calendars = [
  { id: "file", url: icsFile, kind: "ics" },
  { id: "team", url: `${base}/team/`, kind: "ics", user: "lull" },
  { id: "work", url: `${base}/work/`, kind: "caldav", user: "lull" },
];
execFileSync(lull, ["settings", "import", "-", "--data-dir", calendarsDir], { input: JSON.stringify(calendarSettings) });
for (const id of ["team", "work"]) {
  execFileSync(lull, ["secret", "set", `calendar/${id}`, "--data-dir", calendarsDir], { input: `${RADICALE_PASSWORD}\n` });
}
console.log("ready");

const stop = async () => {
  radicaleChild.kill("SIGTERM");
  rmSync(scratch, { recursive: true, force: true });
  await dovecot.stop();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
