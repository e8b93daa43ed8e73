import { defineConfig } from "@playwright/test";

// Run by `npm test`, which starts the app (TEST_BASE_URL) and finds Chromium (CHROMIUM_PATH).
export default defineConfig({
  testDir: "tests/e2e",
  outputDir: ".data/test-results",
  // Two cores: the app under test needs one.
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: process.env.TEST_BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    contextOptions: { reducedMotion: "reduce" },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH,
      // Debian's Chromium as root, on a machine with no outside network.
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
});
