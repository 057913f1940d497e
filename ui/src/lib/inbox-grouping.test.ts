import { describe, expect, it } from "vitest";
import type { Grouping } from "../bindings/Grouping";
import type { Source } from "../bindings/Source";
import { arrange, GROUPINGS, headingOf, nextGrouping, noGroupHint } from "./inbox-grouping";
import { layoutOf, sectionOf, type Section } from "./inbox-paging";

/** A section of the overview, as `sectionOf` makes it: `who` sent `count`, `held` of them held. */
function group(who: string, count: number, held = 0, by: Grouping = "sender", source: Source = "api"): Section {
  return sectionOf({
    key: { source, who: by === "sender" ? who : "", thread: "", by },
    label: who,
    count,
    held,
    pinned: 0,
    newest_at: "2025-03-04T09:00:00Z",
  });
}

const shape = (sections: readonly Section[]): string[] => sections.map((s) => `${s.label}:${s.heading}`);

describe("the groups by sender", () => {
  it("fold the groups of one message under Others, after the rest, each part newest first", () => {
    const arranged = arrange([
      group("Bob", 1),
      group("CI", 5),
      group("Carol", 1, 1),
      group("Alice", 2),
      group("Dave", 1),
    ]);
    expect(shape(arranged)).toEqual(["CI:own", "Alice:own", "Bob:others", "Carol:none", "Dave:none"]);
    expect(headingOf(arranged, 2), "one heading over the three, with their counts").toEqual({
      label: "Others",
      count: 3,
      held: 1,
    });
    expect(headingOf(arranged, 3), "the folded ones have no heading of their own").toBeNull();
    expect(headingOf(arranged, 0)).toEqual({ label: "CI", count: 5, held: 0 });
  });

  it("fold nothing when every group has one message, nor when none has", () => {
    expect(shape(arrange([group("Bob", 1), group("Carol", 1)]))).toEqual(["Bob:own", "Carol:own"]);
    expect(shape(arrange([group("CI", 3), group("Alice", 2)]))).toEqual(["CI:own", "Alice:own"]);
    expect(arrange([])).toEqual([]);
  });

  it("lay the folded groups out under the one heading, each still paged as its own group", () => {
    const arranged = arrange([group("Bob", 1), group("CI", 2), group("Carol", 1)]);
    const layout = layoutOf(arranged);
    expect(layout.rows, "CI's heading and 2, then Others' heading and 2").toBe(6);
    expect(layout.placeOfOrdinal(3), "Carol's message is the last, in its own section").toEqual({
      section: 2,
      item: 0,
    });
    expect(layout.headOf(2), "under the Others heading").toBe(1);
    expect(
      arranged.map((s) => s.key?.who),
      "each keeps its key",
    ).toEqual(["CI", "Bob", "Carol"]);
  });
});

describe("the groups by source and not grouped", () => {
  it("name a source's group in words", () => {
    const arranged = arrange([
      group("desktop", 3, 0, "source", "desktop"),
      group("api", 2, 0, "source", "api"),
      group("imap", 1, 0, "source", "imap"),
      group("gotify", 1, 0, "source", "gotify"),
    ]);
    expect(shape(arranged), "and fold nothing: a source of one message is still a source").toEqual([
      "Desktop notifications:own",
      "API:own",
      "Mail:own",
      "Gotify:own",
    ]);
  });

  it("show no heading at all when not grouped", () => {
    const arranged = arrange([group("Everything", 4, 0, "flat")]);
    expect(shape(arranged)).toEqual(["Everything:none"]);
    expect(headingOf(arranged, 0)).toBeNull();
    expect(layoutOf(arranged).rows, "only the messages' rows").toBe(4);
  });
});

describe("E where no group is over the cursor", () => {
  it("says why, not grouped and in Others, and nothing under a group's own heading", () => {
    const [flat] = arrange([group("Everything", 4, 0, "flat")]);
    expect(noGroupHint(flat!)).toBe("Not grouped: select with x or Shift+j, or use Done older…");
    const [ci, bob] = arrange([group("CI", 2), group("Bob", 1)]);
    expect(noGroupHint(bob!)).toBe("Others is one message per sender: press e, or select with x");
    expect(noGroupHint(ci!)).toBeNull();
  });
});

describe("the choice of grouping", () => {
  it("offers Sender, Source and None, and g steps through them and round again", () => {
    expect(GROUPINGS.map((g) => g.label)).toEqual(["Sender", "Source", "None"]);
    expect(nextGrouping("sender")).toBe("source");
    expect(nextGrouping("source")).toBe("flat");
    expect(nextGrouping("flat")).toBe("sender");
  });
});
