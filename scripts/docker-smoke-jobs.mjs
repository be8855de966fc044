// Part of scripts/docker-smoke.sh, run inside the bot container of the compose stack: submits
// concurrent experiments to the Redis queue as different users, prints "started" when the first
// one runs (the smoke test then kills a worker), and waits for every answer. Prints one JSON line
// and exits 0 only when every job got exactly one answer, and it was a finished run.
import { validateSpec } from '/app/dist/engine/index.js';
import { createQueueJobService } from '/app/dist/queue/replica/service.js';

const jobs = Number(process.argv[2] ?? 6);
const service = createQueueJobService({ redisUrl: process.env.REDIS_URL, onError: () => {} });
await service.ready();

const answers = new Map();
let announced = false;
const tickets = [];
for (let i = 0; i < jobs; i += 1) {
  // Different seeds, so no job is answered from another's cached result; a few seconds each.
  const checked = validateSpec({
    experiment: 'train',
    seed: 9000 + i,
    depth: 4,
    steps: 3000,
    seeds: 1,
    gridSize: 0,
  });
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  const hooks = {
    onStart: () => {
      if (!announced) process.stdout.write('started\n');
      announced = true;
    },
  };
  const user = `smoke-${i}`;
  const ticket = await service.submit({ user, conversation: 'smoke', spec: checked.spec }, hooks);
  if (!ticket.done) throw new Error(`job ${i} refused: ${ticket.message}`);
  tickets.push(
    ticket.done.then((outcome) => answers.set(user, [...(answers.get(user) ?? []), outcome.status])),
  );
}
await Promise.all(tickets);
// Answers that arrive late would show up here as a second entry for a user.
await new Promise((resolve) => setTimeout(resolve, 2000));
await service.close();
const statuses = [...answers.values()];
const ok = answers.size === jobs && statuses.every((list) => list.length === 1 && list[0] === 'done');
process.stdout.write(
  `${JSON.stringify({ jobs, answered: answers.size, statuses: Object.fromEntries(answers), ok })}\n`,
);
process.exit(ok ? 0 : 1);
