/**
 * Says when a view is usable, for the end-to-end suite and the review-window benchmark: the
 * `data-ready` attribute on `<html>`, and a performance mark whose time (against
 * `performance.timeOrigin`) the benchmark compares with the moment the window was asked for.
 */
export function markReady(view: string): void {
  document.documentElement.dataset["ready"] = view;
  performance.mark(`lull:ready:${view}`);
}
