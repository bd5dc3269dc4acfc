import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // The e2e suites start real servers and child processes; two workers keep the 2-core machine responsive.
    maxWorkers: 2,
    pool: "forks",
  },
});
