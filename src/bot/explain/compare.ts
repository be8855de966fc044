import type { CompareResult, RunResult, RunSummary } from '../../engine/result.js';
import type { LessonId } from '../lessons/types.js';
import { atNoLearning } from '../no-learning.js';
import { ratiosOverTraining, recentFall, stillFalling } from './evidence.js';
import { fixesApplied } from './fixes.js';
import {
  capitalize,
  formatLoss,
  formatPercent,
  formatRatio,
  gradientHealth,
  listWords,
  stallName,
} from './format.js';
import { gradientSentence, meanInitialRatio, sharedVerdict } from './signals.js';
import { type Explanation, MAX_SENTENCES, type Sentence, say } from './types.js';
import { vanishedEnding } from './vanished.js';

/*
 * `compare`: a depth sweep. The sentences say which way the final loss moved from the shallowest
 * to the deepest net, which depths learned nothing, and what the gradients of the deepest net show
 * (vanishing, tiny everywhere, or healthy while the net still trains worse: degradation).
 */

/** Which way the final loss moved from the shallowest to the deepest net. */
type Trend = 'worse' | 'flat' | 'better';

/** Differences smaller than this (absolute, or 10% of the shallow loss) are seed noise, not a trend. */
function trendOf(shallow: RunSummary, deep: RunSummary): Trend {
  const tolerance = Math.max(0.02, 0.1 * shallow.meanFinalLoss);
  const change = deep.meanFinalLoss - shallow.meanFinalLoss;
  if (change > tolerance) return 'worse';
  if (change < -tolerance) return 'better';
  return 'flat';
}

/** What the sweep showed, with the runs of its shallowest and deepest nets. */
interface Sweep {
  result: CompareResult;
  shallow: RunSummary;
  deep: RunSummary;
  deepRuns: RunResult[];
  trend: Trend;
  stalled: number[];
}

const runsAt = (result: CompareResult, depth: number) => result.runs.filter((run) => run.depth === depth);

function trendSentence({ result, shallow, deep, trend }: Sweep): Sentence {
  const { spec } = result;
  const fixes = fixesApplied(spec);
  const withFixes = fixes.length > 0 ? `With ${listWords(fixes)}, ` : '';
  const pair = `depth ${shallow.depth} ended at ${formatLoss(shallow.meanFinalLoss)} and depth ${deep.depth} at ${formatLoss(deep.meanFinalLoss)}`;
  if (spec.activation === 'linear') {
    const why =
      trend === 'flat'
        ? ': depth adds nothing the nets can express'
        : ', so the difference comes from how fast gradient descent moves (optimization speed), not from what the nets can express';
    return say(
      'linear-depth-is-speed',
      `${capitalize(pair)} after ${spec.steps} steps, but with linear units every depth computes a linear function (one straight line, like a single neuron)${why}.`,
    );
  }
  if (trend === 'worse') {
    return say(
      'deeper-worse',
      capitalize(`${withFixes}${pair}: with the same ${spec.steps} steps, the deeper net trained worse.`),
    );
  }
  if (trend === 'flat') {
    return say(
      'depth-flat',
      capitalize(`${withFixes}depth did not make the training loss worse here: ${pair}.`),
    );
  }
  return say(
    'deeper-better',
    capitalize(
      `${withFixes}deeper did better here: ${pair}, so this sweep does not show depth hurting training.`,
    ),
  );
}

/** Explains a depth sweep: trend, stalled depths, and the gradients of the deepest net. */
export function explainCompare(result: CompareResult): Explanation {
  const { spec } = result;
  const sorted = [...result.summaries].sort((a, b) => a.depth - b.depth);
  const shallow = sorted[0];
  const deep = sorted.at(-1);
  if (!shallow || !deep)
    return {
      sentences: [say('no-runs', 'This sweep has no finished runs.')],
      lessonId: 'vanishing-gradients',
    };

  const stalledEverywhere = (s: RunSummary) =>
    atNoLearning(s.minFinalLoss, spec.loss) && atNoLearning(s.maxFinalLoss, spec.loss);
  const stalled = sorted.filter(stalledEverywhere).map((s) => s.depth);
  const sweep: Sweep = {
    result,
    shallow,
    deep,
    deepRuns: runsAt(result, deep.depth),
    trend: trendOf(shallow, deep),
    stalled,
  };
  if (stalled.length === sorted.length) {
    return {
      sentences: [
        say(
          'sweep-all-stalled',
          `Every depth stalled at ${stallName(spec.loss)}: nothing was learned, not even at depth ${shallow.depth}, so this sweep says nothing about depth (try more steps or another learning rate).`,
        ),
      ],
      lessonId: 'vanishing-gradients',
    };
  }
  const sentences: Sentence[] = [trendSentence(sweep)];
  if (sweep.trend === 'worse' && stalled.length > 0) {
    const which = stalled.length === 1 ? `Depth ${stalled[0]}` : `Depths ${listWords(stalled.map(String))}`;
    sentences.push(
      say(
        'stalled-depths',
        `${which} stalled at ${stallName(spec.loss)}: nothing learned, still predicting 50/50.`,
      ),
    );
  }
  const gradient = gradientPart(sweep);
  if (gradient) sentences.push(gradient);
  return { sentences: sentences.slice(0, MAX_SENTENCES), lessonId: compareLesson(sweep) };
}

/** The first/last gradient ratio stayed healthy at every recorded step, not only at the start. */
const healthyThroughout = (run: RunResult) =>
  ratiosOverTraining(run).every((ratio) => gradientHealth(ratio) === 'healthy');

/**
 * The deepest nets trained worse, were not stalled, had stopped improving, and their gradients
 * were healthy at the start (none tiny) and stayed so over training. Not for linear units: every
 * depth computes a linear function, so a depth trend there is optimization speed, not a deeper
 * net doing worse at what it can express.
 */
function isDegradation({ result, trend, deep, deepRuns }: Sweep): boolean {
  return (
    trend === 'worse' &&
    result.spec.activation !== 'linear' &&
    !result.spec.residual &&
    !atNoLearning(deep.meanFinalLoss, result.spec.loss) &&
    sharedVerdict(deepRuns) === 'healthy' &&
    deepRuns.every(healthyThroughout) &&
    deepRuns.every((run) => !stillFalling(run))
  );
}

/** He et al. (2016) saw degradation in plain relu nets with batch normalization: only those runs are their case. */
const isHeSetting = (spec: CompareResult['spec']) =>
  spec.activation === 'relu' && spec.normalization === 'batch';

function gradientPart(sweep: Sweep): Sentence | undefined {
  const { shallow, deep, deepRuns, trend, result } = sweep;
  const verdict = sharedVerdict(deepRuns);
  const deepRatio = meanInitialRatio(deepRuns);
  if (isDegradation(sweep) && deepRatio !== undefined) {
    const healthy = `Yet depth ${deep.depth}'s gradient stayed healthy (first layer ${formatRatio(deepRatio)} times the last at the start, none tiny) and its loss had stopped falling: not vanishing gradients, but a deeper plain net training worse`;
    return say(
      'degradation',
      isHeSetting(result.spec)
        ? `${healthy}, the degradation He et al. (2016) reported, and remedied with residual connections (residual:true).`
        : `${healthy}. He et al. (2016) reported such degradation for plain relu nets with batch normalization, and remedied it with residual connections (residual:true).`,
    );
  }
  if (trend === 'worse' && deepRuns.length > 0 && deepRuns.every(stillFalling)) {
    // As a share of the earlier loss, so it reads below 100% however steep the fall.
    const fall = Math.min(...deepRuns.map(recentFall));
    return say(
      'deep-still-falling',
      `Depth ${deep.depth} was still improving when training stopped (every seed at least ${formatPercent(fall / (1 + fall))} lower over the last tenth of the steps): it is slower so far, and more steps may close the gap.`,
    );
  }
  const shallowRatio = meanInitialRatio(runsAt(result, shallow.depth));
  if (
    verdict === 'vanished' &&
    shallowRatio !== undefined &&
    deepRatio !== undefined &&
    shallowRatio > deepRatio
  ) {
    return say(
      'gradient-ratio-falls',
      `The first layer's gradient, relative to the last layer's, falls from ${formatRatio(shallowRatio)} at depth ${shallow.depth} to ${formatRatio(deepRatio)} at depth ${deep.depth}${vanishedEnding(deepRuns, result.spec, 'sweep')}`,
    );
  }
  return gradientSentence(deep.depth, deepRuns, result.spec);
}

function compareLesson(sweep: Sweep): LessonId {
  const { result, trend, stalled } = sweep;
  if (isDegradation(sweep)) return 'degradation';
  if (trend === 'worse' || stalled.length > 0) return 'vanishing-gradients';
  return fixesApplied(result.spec).length > 0 ? 'tricks' : 'vanishing-gradients';
}
