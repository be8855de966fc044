import { LIMITS } from '../../engine/limits.js';
import type { RunResult } from '../../engine/result.js';
import { runFacts } from '../judge/facts.js';
import { judgeBudget, LEARNED_KINDS, STEP_KINDS, seedKind } from '../judge/judge.js';
import { classesOf } from '../no-learning.js';
import {
  followUpButton as button,
  FIX,
  type FollowUpList,
  type FollowUpsOf,
  freshSeed,
} from './follow-up-button.js';

/*
 * Follow-ups of the runs that measure the depth trend (train, compare, map). Each changes one
 * thing, deeper or one of the fixes, so the student sees what that one thing does to training.
 * Which ones are offered follows the run's judgement (src/bot/judge): a run whose steps overshot
 * first gets a smaller learning rate, a net that did not learn gets the shallow contrast that
 * would tell whether depth is the cause, and a run with nothing to fix gets no "fix it".
 */

/** What the runs showed, as the follow-ups need it. */
function judged(runs: readonly RunResult[], loss: 'cross-entropy' | 'mse', classes: number) {
  const kinds = runs.map((run) => seedKind(runFacts(run, loss, classes)));
  return {
    overshot: kinds.some((k) => STEP_KINDS.has(k)),
    allLearned: kinds.length > 0 && kinds.every((k) => LEARNED_KINDS.has(k)),
    perfect: runs.length > 0 && runs.every((run) => run.finalAccuracy >= 1),
  };
}

/** The same run with a learning rate ten times smaller (within the limits), or nothing at the smallest rate. */
function smallerRateButton(experiment: 'train' | 'compare', rate: number, values: Record<string, unknown>) {
  if (rate <= LIMITS.learningRate.min) return undefined;
  const smaller = Math.max(LIMITS.learningRate.min, Number((rate / 10).toPrecision(3)));
  return button('Learning rate ÷ 10', experiment, { ...values, learningRate: smaller }, 'primary');
}

/**
 * Ten times the steps (within the limits) for a run too short or too poor in budget to judge:
 * the run that would tell, where a contrast at the same budget could not.
 */
function moreStepsButton(experiment: 'train' | 'compare', steps: number, values: Record<string, unknown>) {
  if (steps >= LIMITS.steps.max) return undefined;
  return button(
    'Ten times the steps',
    experiment,
    { ...values, steps: Math.min(LIMITS.steps.max, steps * 10) },
    'primary',
  );
}

/** Train: a smaller step when it overshot, deeper, the fixes, the shallow contrast, other depths. */
export const trainFollowUps: FollowUpsOf<'train'> = (spec, values, result) => {
  const buttons: FollowUpList = [];
  const run = judged(result.runs, spec.loss, classesOf(spec));
  const budget = judgeBudget(spec);
  if (run.overshot) buttons.push(smallerRateButton('train', spec.learningRate, values));
  else if (budget !== 'enough' && !run.allLearned) buttons.push(moreStepsButton('train', spec.steps, values));
  if (spec.depth >= 2 && !run.allLearned && !run.overshot && budget === 'enough') {
    buttons.push(
      button('Same budget at depth 1', 'compare', { ...values, depths: [1, spec.depth] }, 'primary'),
    );
  }
  if (spec.depth < LIMITS.depth.max) {
    const deeper = Math.min(LIMITS.depth.max, Math.max(1, spec.depth * 2));
    buttons.push(
      button(
        'Go deeper',
        'train',
        { ...values, depth: deeper },
        buttons.length === 0 ? 'primary' : undefined,
      ),
    );
  }
  if (spec.depth > 0 && !run.perfect && (spec.activation !== 'relu' || spec.optimizer !== 'adam'))
    buttons.push(button('Fix it (relu + he + adam)', 'train', { ...values, ...FIX }));
  if (!spec.residual && spec.depth >= 2)
    buttons.push(button('Add residual connections', 'train', { ...values, residual: true }));
  buttons.push(button('Compare depths', 'compare', values));
  buttons.push(button('Rerun with new seeds', 'train', { ...values, seed: freshSeed(spec) }));
  return buttons;
};

/** Compare: a smaller step when it overshot, then the fixes not yet applied, in the order they usually matter. */
export const compareFollowUps: FollowUpsOf<'compare'> = (spec, values, result) => {
  const buttons: FollowUpList = [];
  const runs = judged(result.runs, spec.loss, classesOf(spec));
  if (runs.overshot) buttons.push(smallerRateButton('compare', spec.learningRate, values));
  else if (judgeBudget(spec) !== 'enough' && !runs.allLearned)
    buttons.push(moreStepsButton('compare', spec.steps, values));
  if (!runs.perfect && (spec.activation !== 'relu' || spec.optimizer !== 'adam'))
    buttons.push(
      button(
        'Fix it (relu + he + adam)',
        'compare',
        { ...values, ...FIX },
        buttons.filter((b) => b !== undefined).length === 0 ? 'primary' : undefined,
      ),
    );
  if (!spec.residual)
    buttons.push(button('Add residual connections', 'compare', { ...values, residual: true }));
  if (spec.normalization === 'none' && spec.activation === 'relu') {
    buttons.push(button('Add normalization', 'compare', { ...values, normalization: 'batch' }));
  }
  buttons.push(button('Rerun with new seeds', 'compare', { ...values, seed: freshSeed(spec) }));
  return buttons;
};

/** The map: the critical net on its own, the other axes, fresh seeds. */
export const mapFollowUps: FollowUpsOf<'map'> = (spec, values) => {
  const buttons: FollowUpList = [];
  if (spec.axis === 'weightScale' && spec.activation === 'tanh') {
    const critical = { ...values, depth: Math.max(...spec.depths), weightScale: 1.76, biasScale: 0.05 };
    buttons.push(button('Train the critical net (σ_w² 1.76)', 'train', critical, 'primary'));
  }
  if (spec.axis !== 'init' || spec.activation !== 'linear') {
    buttons.push(
      button('Linear nets: orthogonal vs Gaussian', 'map', {
        axis: 'init',
        activation: 'linear',
        metric: 'steps',
        // 0.25 sits just above the best a linear model reaches on the moons (~0.24).
        threshold: 0.25,
        depths: [1, 2, 4, 8, 16],
      }),
    );
  }
  if (spec.axis !== 'learningRate')
    buttons.push(button('Map the learning rate', 'map', { ...values, axis: 'learningRate', values: [] }));
  buttons.push(button('Rerun with new seeds', 'map', { ...values, seed: freshSeed(spec) }));
  return buttons;
};
