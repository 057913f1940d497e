/**
 * How a time typed into a field is read: the way people type times, written back as HH:MM.
 *
 * "9" is 09:00, "930" is 09:30, "9:5" is 09:05 and "17.30" is 17:30; the engine only takes
 * HH:MM, so a field rewrites what it can read when the user leaves it, and the settings form
 * reads a field the same way while the user is still in it (so "9" is not called wrong on its
 * way to "930"). Three digits are an hour and two minutes; a lone minute digit is minutes
 * ("9:5" is five past, not fifty). Anything else is left as typed, for the form to point at.
 */

const DIGITS = /^(\d{1,4})$/;
const SEPARATED = /^(\d{1,2})\s*[:.h]\s*(\d{0,2})$/i;

const pad = (n: number): string => String(n).padStart(2, "0");

/** Hours and minutes as typed, before checking that they make a time of day. */
function split(text: string): [number, number] | null {
  const digits = DIGITS.exec(text);
  if (digits?.[1] !== undefined) {
    const all = digits[1];
    // 1–2 digits: the hour. 3: H MM. 4: HH MM.
    if (all.length <= 2) return [Number(all), 0];
    return [Number(all.slice(0, -2)), Number(all.slice(-2))];
  }
  const separated = SEPARATED.exec(text);
  if (separated?.[1] !== undefined) return [Number(separated[1]), Number(separated[2] || "0")];
  return null;
}

/**
 * `text` as HH:MM, or null when it is not a time of day. `endOfDay` allows "24:00" (and "24"),
 * which only the end of a window or a block may be.
 */
export function normaliseTime(text: string, endOfDay = false): string | null {
  const parts = split(text.trim());
  if (parts === null) return null;
  const [hours, minutes] = parts;
  if (minutes > 59) return null;
  if (hours > 23 && !(endOfDay && hours === 24 && minutes === 0)) return null;
  return `${pad(hours)}:${pad(minutes)}`;
}

/** What a field holding `text` means: HH:MM when it can be read, else the text trimmed, to be pointed at. */
export function readTime(text: string, endOfDay = false): string {
  return normaliseTime(text, endOfDay) ?? text.trim();
}
