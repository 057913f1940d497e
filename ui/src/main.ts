import { mount } from "svelte";
import App from "./App.svelte";
import "./app.css";

// For the review-window benchmark's breakdown: when the script began to run.
performance.mark("lull:main");

const target = document.getElementById("app");
if (target === null) {
  // i18n: not words, a broken build's message for its developer.
  throw new Error("index.html has no #app element to mount Lull into");
}

const app = mount(App, { target });
performance.mark("lull:mounted");

export default app;
