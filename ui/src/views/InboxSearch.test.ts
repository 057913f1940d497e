/**
 * Search as a screen reader hears it: a polite status region, there before any search, says how
 * many messages matched each query once its results are shown, and falls silent on leaving search.
 */

import { fireEvent, screen, waitFor } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import { FIRST_PAGE } from "../lib/inbox-state.svelte";
import { fakeInbox, message } from "../test-support/inbox";
import { press, rowIds, showInbox, text, useInboxTest } from "../test-support/inbox-screen";

useInboxTest();

const region = (): HTMLElement => screen.getByTestId("search-status");

async function search(query: string): Promise<void> {
  const field = screen.getByTestId("search");
  field.focus();
  await fireEvent.input(field, { target: { value: query } });
  await press("Enter");
}

describe("the search's live region", () => {
  it("says how many messages matched each query, in the plural form its count wants", async () => {
    await showInbox(
      fakeInbox([
        message({ id: 1, sender: "CI", body: "deploy failed" }),
        message({ id: 2, sender: "CI", body: "deploy ok", state: "done" }),
        message({ id: 3, sender: "Alice", body: "lunch?" }),
      ]),
    );
    expect(region().getAttribute("role"), "a status region: polite, never interrupting").toBe("status");
    expect(text(region()), "silent until a search comes back").toBe("");

    await search("deploy");
    await waitFor(() => expect(text(region())).toBe("2 messages match “deploy”"));
    expect(rowIds(), "said once the results are shown").toEqual([2, 1]);

    await search("lunch");
    await waitFor(() => expect(text(region())).toBe("1 message matches “lunch”"));

    await search("nothing like it");
    await waitFor(() => expect(text(region())).toBe("No messages match “nothing like it”"));

    await press("Escape");
    await waitFor(() => expect(text(region()), "silent again back in the inbox").toBe(""));
  });

  it("says there are more than it fetched when the results go on past the first page", async () => {
    const many = Array.from({ length: FIRST_PAGE + 5 }, (_, i) => message({ id: i + 1, body: "needle" }));
    await showInbox(fakeInbox(many));

    await search("needle");
    await waitFor(() => expect(text(region())).toBe(`More than ${FIRST_PAGE} messages match “needle”`));
  });
});
