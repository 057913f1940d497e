// A real Dovecot (Debian's dovecot-imapd) for the end-to-end suite, as the Rust tests start it
// (crates/sources/tests/sources/dovecot.rs): a private instance on free loopback ports with one
// passwd-file user, a Maildir and a certificate made by openssl, in a scratch directory.
import { execFileSync, spawn } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createServer, connect } from "node:net";
import { join } from "node:path";
import { sleep } from "./app.mjs";

export const USER = "lull";
export const PASSWORD = "pw-e2e-dovecot-5b1d";

function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The first line a connection to `port` is sent, or null. */
function greeting(port) {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    let data = "";
    socket.setTimeout(2000, () => socket.destroy());
    socket.on("data", (chunk) => {
      data += chunk;
      if (data.includes("\n")) socket.destroy();
    });
    socket.on("close", () => resolve(data.split("\n")[0] || null));
    socket.on("error", () => resolve(null));
  });
}

export class Dovecot {
  async start() {
    // The auth process runs as `dovecot`: the directory must let it in; base_dir stays short.
    this.dir = mkdtempSync("/tmp/dv-e2e-");
    chmodSync(this.dir, 0o755);
    for (const sub of ["run", "state", "mail/Maildir/cur", "mail/Maildir/new", "mail/Maildir/tmp"]) {
      mkdirSync(join(this.dir, sub), { recursive: true });
    }
    execFileSync("openssl", [
      "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
      "-addext", "basicConstraints=critical,CA:FALSE", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
      "-keyout", join(this.dir, "key.pem"), "-out", join(this.dir, "cert.pem"),
    ], { stdio: "ignore" });
    writeFileSync(join(this.dir, "users"), `${USER}:{PLAIN}${PASSWORD}:1000:1000::${join(this.dir, "mail")}\n`);
    execFileSync("chown", ["-R", "1000:1000", join(this.dir, "mail")]);
    this.port = await freePort();
    this.plainPort = await freePort(); // STARTTLS; its plain greeting says when Dovecot is ready
    const d = this.dir;
    writeFileSync(
      join(d, "dovecot.conf"),
      [
        `base_dir = ${d}/run`, `state_dir = ${d}/state`, `log_path = ${d}/dovecot.log`, "protocols = imap",
        "listen = 127.0.0.1", "ssl = yes", `ssl_cert = <${d}/cert.pem`, `ssl_key = <${d}/key.pem`,
        "disable_plaintext_auth = no", "mail_location = maildir:~/Maildir",
        "passdb {", "  driver = passwd-file", `  args = scheme=PLAIN ${d}/users`, "}",
        "userdb {", "  driver = passwd-file", `  args = ${d}/users`, "}",
        "service imap-login {", "  inet_listener imap {", `    port = ${this.plainPort}`, "  }",
        "  inet_listener imaps {", `    port = ${this.port}`, "    ssl = yes", "  }", "}", "",
      ].join("\n"),
    );
    this.child = spawn("dovecot", ["-F", "-c", join(d, "dovecot.conf")], { stdio: "ignore" });
    for (let i = 0; i < 200; i++) {
      if ((await greeting(this.plainPort))?.startsWith("* OK")) return this;
      await sleep(50);
    }
    throw new Error(`dovecot did not greet: ${readFileSync(join(d, "dovecot.log"), "utf8")}`);
  }

  /** The account a user would set up for this server (its certificate trusted). */
  account(id = "work") {
    const certificate = readFileSync(join(this.dir, "cert.pem"), "utf8");
    return { id, host: "127.0.0.1", port: this.port, tls: "implicit", user: USER, folders: ["INBOX"], certificate };
  }

  /** Delivers a mail as a delivery agent does: written in tmp/, renamed into new/. */
  deliver({ from, subject, id, body }) {
    const name = `${Date.now()}.${id.replace(/\W/g, "")}.e2e`;
    const raw = `From: ${from}\r\nTo: ${USER}@example.org\r\nSubject: ${subject}\r\nMessage-ID: <${id}>\r\n\r\n${body}\r\n`;
    const tmp = join(this.dir, "mail/Maildir/tmp", name);
    writeFileSync(tmp, raw);
    execFileSync("chown", ["1000:1000", tmp]);
    renameSync(tmp, join(this.dir, "mail/Maildir/new", name));
  }

  /** How many mails carry `\Seen` on the server (Maildir keeps flags in the file names). */
  seen() {
    return ["cur", "new"]
      .flatMap((sub) => readdirSync(join(this.dir, "mail/Maildir", sub)))
      .filter((name) => /:2,[A-Z]*S/.test(name)).length;
  }

  async stop() {
    if (this.child) {
      const exited = new Promise((resolve) => this.child.once("exit", resolve));
      this.child.kill("SIGTERM");
      await exited;
      this.child = null;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
