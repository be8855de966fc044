import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The playground's page scripts, compiled as the build does (the server never compiles them).
    globalSetup: ['tests/setup/build-page.ts'],
    // Training tests are CPU-heavy and this machine has two cores: run files one at a time
    // so that timing-sensitive checks (event-loop lag) are not starved by a neighbour.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
