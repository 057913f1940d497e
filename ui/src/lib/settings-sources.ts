/**
 * Ready-to-paste commands for sending to Lull, built from the running instance's address and
 * token, in the three forms docs/api.md documents: Lull's own JSON API, ntfy-style publishing (the
 * token as Basic auth's password, which is what ntfy clients send) and Gotify's `?token=`.
 *
 * Each example has a `text` to copy (with the real token) and a `shown` form, which hides the
 * token until the user asks to see it: a token on screen is a token in the next screenshot.
 */

export type Example = { id: "api" | "ntfy" | "gotify"; title: string; text: string; shown: string };

/** Stands in for the token while it is hidden. */
export const MASK = "••••••••••••";

export function maskToken(token: string, show: boolean): string {
  return show ? token : MASK;
}

/** A single-quoted shell word, safe for any text. */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

export function examples(apiUrl: string, token: string, showToken: boolean): Example[] {
  const base = apiUrl.replace(/\/+$/, "");
  const build = (secret: string): Record<Example["id"], string> => ({
    api: [
      `curl -H ${shellQuote(`Authorization: Bearer ${secret}`)} \\`,
      `     -H 'Content-Type: application/json' \\`,
      `     -d '{"sender": "CI", "title": "Build failed", "body": "main is red", "priority": 4}' \\`,
      `     ${base}/v1/messages`,
    ].join("\n"),
    ntfy: [
      `curl -u ${shellQuote(`:${secret}`)} \\`,
      `     -H 'Title: Backup finished' -H 'Priority: default' -H 'Tags: backup' \\`,
      `     -d 'All volumes saved' \\`,
      `     ${base}/mytopic`,
    ].join("\n"),
    gotify: [
      `curl -X POST "${base}/message?token=${secret === MASK ? MASK : encodeURIComponent(secret)}" \\`,
      `     -F 'title=Deploy done' -F 'message=v1.4 is live' -F 'priority=5'`,
    ].join("\n"),
  });
  const real = build(token);
  const shown = build(maskToken(token, showToken));
  const titles: Record<Example["id"], string> = {
    api: "Lull's API (JSON)",
    ntfy: "ntfy-style: the topic is the path",
    gotify: "Gotify-style",
  };
  return (["api", "ntfy", "gotify"] as const).map((id) => ({
    id,
    title: titles[id],
    text: real[id],
    shown: shown[id],
  }));
}

/** Puts `text` on the clipboard; false when the web view has no clipboard access or refuses it. */
export async function writeClipboard(text: string): Promise<boolean> {
  try {
    if (typeof navigator === "undefined" || !navigator.clipboard) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** Selects the text in `element`, so that Ctrl+C copies it: the fallback without a clipboard. */
export function selectText(element: HTMLElement | null | undefined): boolean {
  const selection = window.getSelection();
  if (!element || selection === null) return false;
  const range = document.createRange();
  range.selectNodeContents(element);
  selection.removeAllRanges();
  selection.addRange(range);
  return true;
}
