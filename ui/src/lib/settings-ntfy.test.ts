import { describe, expect, it } from "vitest";
import { defaultSettings } from "../test-support/settings";
import { check, tidy } from "./settings-check";
import { placeField } from "./settings-fields";
import {
  hostOf,
  isServer,
  newSubscription,
  parseTopics,
  secretSource,
  statusLine,
  uniqueId,
  type NtfySubscription,
} from "./settings-ntfy";

const subscription = (overrides: Partial<NtfySubscription> = {}): NtfySubscription => ({
  id: "home",
  server: "https://ntfy.sh",
  topics: ["alerts"],
  auth: { kind: "none" },
  enabled: true,
  ...overrides,
});

const problemsOf = (...ntfy: NtfySubscription[]): Map<string, string> => check(defaultSettings({ ntfy }));

describe("a topic list typed as text", () => {
  it("is split at commas and white space, each topic once, in the order typed", () => {
    expect(parseTopics("alerts, backups  nas,,ci\tdeploys")).toEqual(["alerts", "backups", "nas", "ci", "deploys"]);
    expect(parseTopics(" alerts , alerts "), "a topic typed twice is followed once").toEqual(["alerts"]);
    expect(parseTopics("  , "), "nothing but separators is no topic").toEqual([]);
  });
});

describe("a new subscription's name", () => {
  it("is its first topic when that is free, numbered when taken, and ntfy-1 without a topic", () => {
    expect(uniqueId("alerts", [])).toBe("alerts");
    expect(uniqueId("alerts", ["alerts"])).toBe("alerts-2");
    expect(uniqueId("alerts", ["alerts", "alerts-2"])).toBe("alerts-3");
    expect(uniqueId(undefined, [])).toBe("ntfy-1");
    expect(uniqueId(undefined, ["ntfy-1"])).toBe("ntfy-2");
    expect(uniqueId("bad topic!", []), "a topic that is no name is not used").toBe("ntfy-1");
  });

  it("stays within 32 characters when numbered", () => {
    const long = "a".repeat(32);
    const id = uniqueId(long, [long]);
    expect(id).toHaveLength(32);
    expect(id.endsWith("-2"), id).toBe(true);
  });

  it("comes with ntfy.sh, no sign-in, on", () => {
    expect(newSubscription([subscription({ id: "ntfy-1" })])).toEqual({
      id: "ntfy-2",
      server: "https://ntfy.sh",
      topics: [],
      auth: { kind: "none" },
      enabled: true,
    });
  });
});

describe("a server address", () => {
  it("is an http or https address without query, fragment or spaces; a trailing / is trimmed", () => {
    expect(isServer("https://ntfy.sh")).toBe(true);
    expect(isServer("https://ntfy.example.org/")).toBe(true);
    expect(isServer("http://192.168.1.4:8080")).toBe(true);
    expect(isServer("ntfy.sh"), "no scheme").toBe(false);
    expect(isServer("ftp://ntfy.sh")).toBe(false);
    expect(isServer("https://ntfy.sh/?x=1")).toBe(false);
    expect(isServer("https://ntfy.sh/#top")).toBe(false);
    expect(isServer("https://ntfy .sh")).toBe(false);
    expect(isServer("https://")).toBe(false);
  });

  it("is sent trimmed, and names its host in the status line", () => {
    const sent = tidy(defaultSettings({ ntfy: [subscription({ server: " https://ntfy.example.org/ " })] }));
    expect(sent.ntfy[0]?.server).toBe("https://ntfy.example.org");
    expect(hostOf("https://ntfy.example.org:8443/")).toBe("ntfy.example.org:8443");
  });
});

describe("the checks of the ntfy subscriptions", () => {
  it("find nothing wrong with a good one", () => {
    expect(problemsOf(subscription(), subscription({ id: "work", auth: { kind: "basic", user: "me" } })).size).toBe(0);
  });

  it("name a bad server, topic, id or user by ntfy[i]", () => {
    expect(problemsOf(subscription({ server: "ntfy.sh" })).get("ntfy[0]")).toBe(
      "Write the server as a web address, such as https://ntfy.sh.",
    );
    expect(problemsOf(subscription({ topics: ["ok", "not ok!"] })).get("ntfy[0]")).toBe(
      "A topic is 1 to 64 letters, digits, - or _: not ok! is not.",
    );
    expect(problemsOf(subscription({ topics: [] })).get("ntfy[0]")).toBe("Follow at least one topic.");
    expect(problemsOf(subscription({ topics: Array.from({ length: 33 }, (_, i) => `t${i}`) })).get("ntfy[0]")).toBe(
      "Follow at most 32 topics here.",
    );
    expect(problemsOf(subscription({ id: "" })).get("ntfy[0]")).toBe("Name it with 1 to 32 letters, digits, - or _.");
    expect(problemsOf(subscription({ auth: { kind: "basic", user: "a:b" } })).get("ntfy[0]")).toBe(
      "Write the user: 1 to 256 characters, without a colon.",
    );
  });

  it("point at the second of two subscriptions with the same id", () => {
    const problems = problemsOf(subscription(), subscription({ topics: ["backups"] }));
    expect(problems.has("ntfy[0]"), "the first keeps its name").toBe(false);
    expect(problems.get("ntfy[1]")).toBe("Another subscription is called home: pick another name.");
  });

  it("allow at most 20 subscriptions", () => {
    const many = Array.from({ length: 21 }, (_, i) => subscription({ id: `s${i}` }));
    expect(problemsOf(...many).get("ntfy")).toBe("Follow at most 20 ntfy subscriptions.");
  });

  it("put the engine's ntfy[i] beside the subscription the form still has", () => {
    expect(placeField("ntfy[1]", { ntfy: 2 })).toBe("ntfy[1]");
    expect(placeField("ntfy[2]", { ntfy: 2 })).toBeNull();
    expect(placeField("ntfy", { ntfy: 0 })).toBe("ntfy");
  });
});

describe("a subscription's status line", () => {
  // Wednesday 2 December 2026, 15:00 local time; the outage began at 14:05 the same day.
  const now = new Date(2026, 11, 2, 15, 0).getTime();
  const since = new Date(2026, 11, 2, 14, 5).toISOString();
  const server = "https://ntfy.example.org";

  it("says what each state means", () => {
    const line = (
      state: "off" | "starting" | "running" | "refused" | "unavailable" | "unreachable",
      detail: string | null,
    ) => statusLine({ state, detail }, server, now);
    expect(line("off", null)).toEqual({ text: "Off.", tone: "quiet" });
    expect(line("starting", null)).toEqual({ text: "Connecting…", tone: "quiet" });
    expect(line("running", null)).toEqual({ text: "Connected", tone: "good" });
    expect(line("refused", "401 unauthorized")).toEqual({ text: "Refused: 401 unauthorized", tone: "problem" });
    expect(line("refused", null).text).toBe("Refused by the server.");
    expect(line("unavailable", "no keyring").text).toBe("Not available: no keyring");
    expect(line("unreachable", "connection refused").text).toBe("Cannot reach ntfy.example.org: connection refused");
    expect(line("unreachable", null).text).toBe("Cannot reach ntfy.example.org.");
  });

  it("says since when a server is unreachable, and that a new one starts once saved", () => {
    expect(statusLine({ state: "unreachable", detail: "connection refused", since }, server, now).text).toBe(
      "Cannot reach ntfy.example.org since 14:05: connection refused",
    );
    expect(statusLine(null, server, now)).toEqual({ text: "Starts once saved.", tone: "quiet" });
  });

  it("names a secret by its subscription", () => {
    expect(secretSource("home")).toBe("ntfy/home");
  });
});
