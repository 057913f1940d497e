/**
 * The one Node API the tests use: reading app.css from disk, as Vitest hands CSS imports over
 * empty. The window itself has no Node types (tsconfig's `types` is Vite's client only).
 */
declare module "node:fs" {
  export function readFileSync(path: string, encoding: "utf8"): string;
}
