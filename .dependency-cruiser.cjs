/**
 * Dependency rules from DESIGN.md: dependencies point inward.
 * The engine knows nothing of chat; the bot core knows no chat SDK and no TensorFlow.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'engine-is-chat-free',
      comment: 'src/engine is a pure library: it must not import the bot core or any adapter.',
      severity: 'error',
      from: { path: '^src/engine' },
      to: { path: '^src/(bot|adapters)' },
    },
    {
      name: 'engine-has-no-chat-sdk',
      comment: 'src/engine must not import chat SDKs or logging.',
      severity: 'error',
      from: { path: '^src/engine' },
      to: { path: 'node_modules/(discord\\.js|@discordjs|@slack|pino)' },
    },
    {
      name: 'bot-is-platform-neutral',
      comment: 'src/bot must not import chat SDKs, TensorFlow.js, or adapters.',
      severity: 'error',
      from: { path: '^src/bot' },
      to: { path: ['node_modules/(discord\\.js|@discordjs|@slack|@tensorflow)', '^src/adapters'] },
    },
    {
      name: 'only-main-wires',
      comment: 'Only src/main.ts (and the CLI/worker entry points) may import adapters.',
      severity: 'error',
      from: { path: '^src/(bot|engine)' },
      to: { path: '^src/(main|cli)\\.ts$' },
    },
    {
      name: 'queue-uses-the-job-port',
      comment:
        'src/queue depends on the bot core only through the job contract (jobs/types.ts) and the helpers jobs/shared.ts exports.',
      severity: 'error',
      from: { path: '^src/queue' },
      to: { path: '^src/bot', pathNot: '^src/bot/jobs/(types|shared)\\.ts$' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
