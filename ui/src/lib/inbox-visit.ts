/**
 * A visit to the inbox, from the moment it is shown to the moment the user leaves it: another tab,
 * the window hidden (`visibilitychange`) or closed (`pagehide`). Leaving ends the review, once per
 * visit however many of those fire together (closing the window hides it too); showing the window
 * again begins a new visit.
 */

export type VisitHandlers = {
  /** The user left: called at most once per visit. */
  onleave: () => void;
  /** The window is shown again after a leave: a new visit. */
  onreturn: () => void;
};

/** Starts a visit; the function it answers ends it (the inbox goes: a leave too). */
export function watchVisit({ onleave, onreturn }: VisitHandlers): () => void {
  let left = false;
  const leave = (): void => {
    if (left) return;
    left = true;
    onleave();
  };
  const onVisibility = (): void => {
    if (document.visibilityState === "hidden") {
      leave();
    } else if (left) {
      left = false;
      onreturn();
    }
  };
  document.addEventListener("visibilitychange", onVisibility);
  window.addEventListener("pagehide", leave);
  return () => {
    document.removeEventListener("visibilitychange", onVisibility);
    window.removeEventListener("pagehide", leave);
    leave();
  };
}
