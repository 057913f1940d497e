import { svelte } from "@sveltejs/vite-plugin-svelte";
import { svelteTesting } from "@testing-library/svelte/vite";
import { defineConfig } from "vitest/config";

// The Tauri shell loads `dist/` from disk in release builds and the dev server on a fixed port in
// development; see tauri.conf.json (`build.frontendDist`, `build.devUrl`).
export default defineConfig({
  base: "./",
  plugins: [svelte(), svelteTesting()],
  clearScreen: false,
  server: {
    port: 5173,
    strictPort: true,
    // The hostile-text corpus is shared with the end-to-end suite, outside ui/.
    fs: { allow: [".", "../tests/fixtures"] },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // The oldest web view Lull supports is WebKitGTK 2.40 (Safari 16.4's engine), which runs
    // ES2022 natively; es2021 would rewrite Svelte's private class fields into WeakMaps.
    target: "es2022",
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.ts"],
    setupFiles: ["src/test-support/setup.ts"],
  },
});
