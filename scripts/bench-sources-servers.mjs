// The servers scripts/bench-tray.sh configures Lull with (LULL_BENCH_SOURCES=1), so the tray
// idles with one of each remote source open: a real Dovecot (tests/e2e/dovecot.mjs) with the
// folder in IDLE, an ntfy topic whose stream sends a keepalive every 45 s as ntfy.sh does, and a
// Gotify server whose /stream WebSocket is pinged every 45 s as Gotify's is. ntfy and Gotify are
// stand-ins (neither can be installed here; see docs/testing.md). It writes the settings and the
// secrets into the data directory with the `lull` command, prints "ready", and runs until killed.
//   node scripts/bench-sources-servers.mjs DATA_DIR path/to/lull
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import { Dovecot, PASSWORD } from "../tests/e2e/dovecot.mjs";

const [dataDir, lull] = process.argv.slice(2);
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
console.log("ready");

const stop = async () => {
  await dovecot.stop();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
