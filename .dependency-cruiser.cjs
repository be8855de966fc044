/**
 * The layer rules of docs/architecture.md: dependencies point inward. The engine knows nothing of
 * chat; the bot core knows no chat SDK and no TensorFlow; adapters know only the bot core; only the
 * entry points wire adapters in.
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
      to: { path: ['node_modules/(discord\\.js|@discordjs|@slack|pino)', '^src/(logging|log-format)\\.ts$'] },
    },
    {
      name: 'bot-is-platform-neutral',
      comment: 'src/bot must not import chat SDKs, TensorFlow.js, or adapters.',
      severity: 'error',
      from: { path: '^src/bot' },
      to: { path: ['node_modules/(discord\\.js|@discordjs|@slack|@tensorflow)', '^src/adapters'] },
    },
    {
      name: 'adapters-know-only-the-bot-core',
      comment:
        'An adapter translates between its platform and the bot core: it must not import the engine, the queue, the store, ops, configuration or the app wiring (main.ts passes it what it needs).',
      severity: 'error',
      from: { path: '^src/adapters' },
      to: { path: '^src/', pathNot: '^src/(bot|adapters)/' },
    },
    {
      name: 'adapters-stay-apart',
      comment:
        'One adapter must not import another; what they share lives in the bot core or src/adapters/types.ts.',
      severity: 'error',
      from: { path: '^src/adapters/([^/]+)/' },
      to: { path: '^src/adapters/', pathNot: ['^src/adapters/$1/', '^src/adapters/types\\.ts$'] },
    },
    {
      name: 'only-main-wires',
      comment: 'Only src/main.ts (and the CLI and worker entry points) may import adapters.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/(main|cli|worker-main)\\.ts$', '^src/(adapters|cli)/'] },
      to: { path: '^src/adapters/' },
    },
    {
      name: 'queue-uses-the-job-port',
      comment:
        'src/queue (all of replica/, worker/ and redis/) depends on the bot core only through the job contract (jobs/types.ts) and the helpers jobs/shared.ts exports.',
      severity: 'error',
      from: { path: '^src/queue/' },
      to: { path: '^src/bot', pathNot: '^src/bot/jobs/(types|shared)\\.ts$' },
    },
    {
      name: 'queue-sides-meet-in-redis',
      comment:
        'A bot replica (src/queue/replica) and a worker (src/queue/worker) are different processes: neither imports the other; what both speak lives in src/queue/redis.',
      severity: 'error',
      from: { path: '^src/queue/(replica|worker)/' },
      to: { path: '^src/queue/(replica|worker)/', pathNot: '^src/queue/$1/' },
    },
    {
      name: 'queue-redis-serves-both-sides',
      comment: 'src/queue/redis is what both processes speak, so it imports neither side.',
      severity: 'error',
      from: { path: '^src/queue/redis/' },
      to: { path: '^src/queue/(replica|worker)/' },
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
