/**
 * Tells what draws its own colours (the stats charts, on a canvas) that the theme changed, so it
 * can read the CSS variables again and redraw.
 *
 * CSS repaints everything else by itself; a canvas keeps the colours it was drawn with. The theme
 * changes two ways: the system's light or dark preference flips, or `<html data-theme>` is set or
 * removed (how the screenshots pick a theme, app.css). Either calls back once per change.
 */

const DARK = "(prefers-color-scheme: dark)";

export function watchTheme(onChange: () => void): () => void {
  const media = typeof window.matchMedia === "function" ? window.matchMedia(DARK) : null;
  const onMedia = (): void => onChange();
  media?.addEventListener("change", onMedia);

  const observer = new MutationObserver(() => onChange());
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });

  return () => {
    media?.removeEventListener("change", onMedia);
    observer.disconnect();
  };
}
