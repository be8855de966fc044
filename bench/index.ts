import os from 'node:os';
import { benchAnimation } from './animation.js';
import { benchBatchedCells } from './batched-cells.js';
import { benchBotReply } from './bot-reply.js';
import { benchBurst } from './burst.js';
import { benchCharts } from './charts.js';
import { benchExperiments } from './experiments.js';
import { benchFrames } from './frames.js';
import { benchHardness } from './hardness.js';
import { benchMap } from './map.js';
import { benchPlaygroundStart } from './playground-start.js';
import { benchThroughput } from './throughput.js';
import { benchLayerWatching, benchPathCrossover, benchTrainingSteps } from './training-steps.js';

/*
 * `npm run bench`: speed figures measured in one run on this machine, each against a baseline
 * measured in the same run or a target from the issues. Not a test: the machine is shared.
 * `npm run bench -- map hardness` runs only the sections named (a quiet minute is easier to find
 * for one section than for all of them).
 */
const SECTIONS: Record<string, () => Promise<void>> = {
  steps: benchTrainingSteps,
  paths: benchPathCrossover,
  layers: benchLayerWatching,
  frames: benchFrames,
  animation: benchAnimation,
  experiments: benchExperiments,
  hardness: benchHardness,
  map: benchMap,
  batched: benchBatchedCells,
  charts: benchCharts,
  reply: benchBotReply,
  playground: benchPlaygroundStart,
  throughput: benchThroughput,
  burst: benchBurst,
};

const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !(name in SECTIONS));
if (unknown.length > 0) {
  console.error(
    `unknown bench section ${unknown.join(', ')}; sections are ${Object.keys(SECTIONS).join(', ')}`,
  );
  process.exit(2);
}
console.log(
  `depth-tutor bench: node ${process.version}, ${os.availableParallelism()} cores, ${os.cpus()[0]?.model ?? ''}, load ${os.loadavg()[0]!.toFixed(1)}`,
);
for (const [name, run] of Object.entries(SECTIONS))
  if (asked.length === 0 || asked.includes(name)) await run();
