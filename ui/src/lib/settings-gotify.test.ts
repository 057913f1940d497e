import { describe, expect, it } from "vitest";
import { defaultSettings } from "../test-support/settings";
import { check, tidy } from "./settings-check";
import { placeField } from "./settings-fields";
import { gotifyId, gotifySecret, idFromServer, newGotify, type GotifySubscription } from "./settings-gotify";

const server = (overrides: Partial<GotifySubscription> = {}): GotifySubscription => ({
  id: "home",
  server: "https://gotify.example.org",
  enabled: true,
  ...overrides,
});

const problemsOf = (...gotify: GotifySubscription[]): Map<string, string> => check(defaultSettings({ gotify }));

describe("a new Gotify server", () => {
  it("has no address yet, is on, and is called gotify-1, gotify-2…", () => {
    expect(newGotify([])).toEqual({ id: "gotify-1", server: "", enabled: true });
    expect(newGotify([server({ id: "gotify-1" })]).id).toBe("gotify-2");
  });

  it("is named after the first label of its host, numbered when taken", () => {
    expect(idFromServer("https://push.example.org/")).toBe("push");
    expect(idFromServer("http://Gotify.home.arpa:8080")).toBe("gotify");
    expect(idFromServer("http://192.168.1.4:8080"), "an address suggests no name").toBeUndefined();
    expect(idFromServer("https://[::1]:8080")).toBeUndefined();
    expect(idFromServer("push.example.org"), "not an address yet").toBeUndefined();
    expect(gotifyId("https://push.example.org", ["push"])).toBe("push-2");
    expect(gotifyId("http://10.0.0.2", [])).toBe("gotify-1");
  });

  it("keeps its client token under gotify/<id>", () => {
    expect(gotifySecret("home")).toBe("gotify/home");
  });
});

describe("the checks of the Gotify servers", () => {
  it("find nothing wrong with good ones, and send them tidied", () => {
    expect(problemsOf(server(), server({ id: "work", server: "http://10.0.0.2:8080" })).size).toBe(0);
    const sent = tidy(defaultSettings({ gotify: [server({ id: " home ", server: " https://gotify.example.org/ " })] }));
    expect(sent.gotify).toEqual([server()]);
  });

  it("name a bad server or id by gotify[i]", () => {
    const wrongServer = "Write the server as a web address, such as https://gotify.example.org.";
    for (const address of ["", "gotify.example.org", "ftp://gotify.example.org", "https://g.example.org/?a=1"]) {
      expect(problemsOf(server({ server: address })).get("gotify[0]"), address).toBe(wrongServer);
    }
    expect(problemsOf(server({ id: "my server" })).get("gotify[0]")).toBe(
      "Name it with 1 to 32 letters, digits, - or _.",
    );
  });

  it("point at the second of two servers with the same id", () => {
    const problems = problemsOf(server(), server({ server: "https://other.example.org" }));
    expect(problems.has("gotify[0]"), "the first keeps its name").toBe(false);
    expect(problems.get("gotify[1]")).toBe("Another Gotify server is called home: pick another name.");
  });

  it("allow at most 20 servers", () => {
    const many = Array.from({ length: 21 }, (_, i) => server({ id: `g${i}` }));
    expect(problemsOf(...many).get("gotify")).toBe("Follow at most 20 Gotify servers.");
    expect(problemsOf(...many.slice(1)).has("gotify")).toBe(false);
  });

  it("place the engine's gotify[i] beside a server the form still has", () => {
    expect(placeField("gotify[1]", { gotify: 2 })).toBe("gotify[1]");
    expect(placeField("gotify[2]", { gotify: 2 })).toBeNull();
    expect(placeField("gotify", { gotify: 0 })).toBe("gotify");
  });
});
