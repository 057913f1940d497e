// A small W3C WebDriver client over fetch (keep-alive), enough to drive Lull through
// tauri-driver and WebKitWebDriver. No dependency to install, nothing that downloads a browser.

const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

export class WebDriverError extends Error {
  constructor(status, body) {
    super(`WebDriver ${status}: ${body?.value?.error ?? ""} ${body?.value?.message ?? JSON.stringify(body)}`);
    this.body = body;
  }
}

async function call(base, method, path, body) {
  const response = await fetch(base + path, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) throw new WebDriverError(response.status, json);
  return json.value;
}

export class Session {
  static async start(base, application, args) {
    const value = await call(base, "POST", "/session", {
      capabilities: { alwaysMatch: { "tauri:options": { application, args } } },
    });
    return new Session(base, value.sessionId);
  }

  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  cmd(method, path, body) {
    return call(this.base, method, `/session/${this.id}${path}`, body);
  }

  async find(testId) {
    const value = await this.cmd("POST", "/element", {
      using: "css selector",
      value: `[data-testid="${testId}"]`,
    });
    return value[ELEMENT];
  }

  async findAll(testId) {
    const values = await this.cmd("POST", "/elements", {
      using: "css selector",
      value: `[data-testid="${testId}"]`,
    });
    return values.map((v) => v[ELEMENT]);
  }

  async text(testId) {
    return this.cmd("GET", `/element/${await this.find(testId)}/text`);
  }

  async click(testId) {
    await this.cmd("POST", `/element/${await this.find(testId)}/click`, {});
  }

  async type(testId, text) {
    const element = await this.find(testId);
    await this.cmd("POST", `/element/${element}/clear`, {});
    await this.cmd("POST", `/element/${element}/value`, { text });
  }

  /** Runs `body` in the page as an async function and returns what it resolves to. */
  async run(body, ...args) {
    return this.cmd("POST", "/execute/async", {
      script: `const done = arguments[arguments.length - 1];
        (async (...args) => { ${body} })(...Array.from(arguments).slice(0, -1))
          .then(done, (e) => done({ __error: String(e && (e.message || JSON.stringify(e))) }));`,
      args,
    });
  }

  /** The app's own status, through the same IPC the window uses. */
  async status() {
    return this.run("return await window.__TAURI_INTERNALS__.invoke('status');");
  }

  async screenshot() {
    return Buffer.from(await this.cmd("GET", "/screenshot"), "base64");
  }

  /** Waits until `testId`'s text satisfies `predicate`; returns that text. */
  async waitForText(testId, predicate, timeoutMs = 10000) {
    const until = Date.now() + timeoutMs;
    let last;
    while (Date.now() < until) {
      try {
        last = await this.text(testId);
        if (predicate(last)) return last;
      } catch (err) {
        last = String(err);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`timed out waiting for [data-testid=${testId}]; last seen: ${JSON.stringify(last)}`);
  }

  async end() {
    await call(this.base, "DELETE", `/session/${this.id}`).catch(() => {});
  }
}

/** Waits until tauri-driver answers on `base`. */
export async function waitForDriver(base, timeoutMs = 20000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const response = await fetch(base + "/status");
      if (response.ok) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`tauri-driver did not answer on ${base}`);
}
