import os from 'node:os';
import { benchAnimation } from './animation.js';
import { benchBotReply } from './bot-reply.js';
import { benchExperiments } from './experiments.js';
import { benchFrames } from './frames.js';
import { benchHardness } from './hardness.js';
import { benchMap } from './map.js';
import { benchPlaygroundStart } from './playground-start.js';
import { benchThroughput } from './throughput.js';
import { benchLayerWatching, benchTrainingSteps } from './training-steps.js';

/*
 * `npm run bench`: speed figures measured in one run on this machine, each against a baseline
 * measured in the same run or a target from the issues. Not a test: the machine is shared.
 */
console.log(
  `depth-tutor bench: node ${process.version}, ${os.availableParallelism()} cores, ${os.cpus()[0]?.model ?? ''}`,
);
await benchTrainingSteps();
await benchLayerWatching();
await benchFrames();
await benchAnimation();
await benchExperiments();
await benchHardness();
await benchMap();
await benchBotReply();
await benchPlaygroundStart();
await benchThroughput();
