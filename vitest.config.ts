import { defineConfig } from 'vitest/config';

/*
 * Two groups. Most files run two at a time (the machine has two cores and many tests wait on
 * child processes, servers and sockets). The files below assert a deadline or measure the event
 * loop (an acknowledgement within 3 s, a cached answer within 20 ms, an exit within 1 s of the
 * answer, no long event-loop stall), and a busy neighbour would make such a check flaky rather
 * than wrong: they run afterwards, one at a time, on an otherwise idle machine.
 */
const TIMING_SENSITIVE = [
  'tests/adapters/discord/discord-token.test.ts',
  'tests/adapters/discord/discord-train.test.ts',
  'tests/adapters/discord/interaction-port.test.ts',
  'tests/adapters/playground/http.test.ts',
  'tests/adapters/playground/stop.test.ts',
  'tests/adapters/slack/slack-dispatch.test.ts',
  'tests/adapters/slack/slack-http.test.ts',
  'tests/adapters/slack/slack-socket.test.ts',
  'tests/bot/charts/quickchart.test.ts',
  'tests/cli-interrupt.test.ts',
  'tests/bot/charts/render.test.ts',
  'tests/bot/bot-timeout.test.ts',
  'tests/bot/jobs/real-engine.test.ts',
  'tests/engine/fit.test.ts',
  'tests/engine/pool.test.ts',
  'tests/ops/ops-server.test.ts',
  'tests/queue/cli-on-queue.test.ts',
  'tests/queue/fire-once.test.ts',
  'tests/queue/queue-faults.test.ts',
  'tests/queue/worker-main.test.ts',
];

export default defineConfig({
  test: {
    // The playground's page scripts, compiled as the build does (the server never compiles them).
    globalSetup: ['tests/setup/build-page.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'two-at-a-time',
          include: ['tests/**/*.test.ts'],
          exclude: TIMING_SENSITIVE,
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'one-at-a-time',
          include: TIMING_SENSITIVE,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
