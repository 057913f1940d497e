/**
 * Set up before every test file. The Focus view and the welcome guide are loaded on demand (a
 * smaller first bundle): their first import in a test run is transformed then, which on a busy
 * two-core machine can take longer than Testing Library's default one second of waiting.
 */
import { configure } from "@testing-library/svelte";

configure({ asyncUtilTimeout: 5000 });
