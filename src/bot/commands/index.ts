import type { CommandDefinition } from '../command.js';
import type { TutorServices } from '../services.js';
import ask from './ask.js';
import cancel from './cancel.js';
import compare from './compare.js';
import explain from './explain.js';
import hardness from './hardness.js';
import help from './help.js';
import history from './history.js';
import landscape from './landscape.js';
import lp from './lp.js';
import map from './map.js';
import quiz from './quiz.js';
import restarts from './restarts.js';
import schedule from './schedule.js';
import settings from './settings.js';
import status from './status.js';
import train from './train.js';

/** Every command, in the order help lists them. An explicit list: no folder scans. */
export const COMMANDS: readonly CommandDefinition<TutorServices>[] = [
  train,
  compare,
  map,
  restarts,
  landscape,
  lp,
  hardness,
  quiz,
  explain,
  ask,
  history,
  help,
  status,
  cancel,
  schedule,
  settings,
];
