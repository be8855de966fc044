import type { CompareResult, RunSummary } from '../../engine/result.js';
import type { LessonId } from '../lessons/types.js';
import { fixesApplied } from './fixes.js';
import {
  capitalize,
  formatLoss,
  formatRatio,
  gradientHealth,
  isStalled,
  listWords,
  stallName,
} from './format.js';
import { gradientSentence } from './signals.js';
import type { Explanation } from './types.js';

/*
 * `compare`: a depth sweep. The sentences say which way the final loss moved from the shallowest
 * to the deepest net, which depths learned nothing, and whether the gradient explains it
 * (vanishing gradients) or does not (degradation, He et al. 2016).
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

/** Explains a depth sweep: trend, stalled depths, and the gradient ratio of the deepest net. */
export function explainCompare(result: CompareResult): Explanation {
  const { spec } = result;
  const sorted = [...result.summaries].sort((a, b) => a.depth - b.depth);
  const shallow = sorted[0];
  const deep = sorted.at(-1);
  if (!shallow || !deep)
    return { sentences: ['This sweep has no finished runs.'], lessonId: 'vanishing-gradients' };

  const stalledEverywhere = (s: RunSummary) =>
    isStalled(s.minFinalLoss, spec.loss) && isStalled(s.maxFinalLoss, spec.loss);
  const stalled = sorted.filter(stalledEverywhere).map((s) => s.depth);
  const trend = trendOf(shallow, deep);
  const fixes = fixesApplied(spec);
  const withFixes = fixes.length > 0 ? `With ${listWords(fixes)}, ` : '';
  const pair = `depth ${shallow.depth} ended at ${formatLoss(shallow.meanFinalLoss)} and depth ${deep.depth} at ${formatLoss(deep.meanFinalLoss)}`;
  const sentences: string[] = [];

  if (stalled.length === sorted.length) {
    sentences.push(
      `Every depth stalled at ${stallName(spec.loss)}: nothing was learned, not even at depth ${shallow.depth}, so this sweep says nothing about depth (try more steps or another learning rate).`,
    );
  } else if (trend === 'worse') {
    const plain = spec.residual ? '' : ' plain';
    sentences.push(
      capitalize(
        `${withFixes}${pair}: with the same ${spec.steps} steps, the deeper${plain} nets trained worse.`,
      ),
    );
    if (stalled.length > 0) {
      const which = stalled.length === 1 ? `Depth ${stalled[0]}` : `Depths ${listWords(stalled.map(String))}`;
      sentences.push(`${which} stalled at ${stallName(spec.loss)}: nothing learned, still predicting 50/50.`);
    }
  } else if (trend === 'flat') {
    sentences.push(
      fixes.length > 0
        ? `${withFixes}the depth trend flattened: ${pair}.`
        : `Depth did not make the training loss worse here: ${pair}.`,
    );
  } else {
    sentences.push(
      capitalize(
        `${withFixes}deeper did better here: ${pair}, so this sweep does not show depth hurting training.`,
      ),
    );
  }

  const ratioSentence = gradientPart(shallow, deep, trend, spec.residual);
  if (ratioSentence) sentences.push(ratioSentence);
  return {
    sentences: sentences.slice(0, 3),
    lessonId: compareLesson(trend, deep, stalled.length > 0, fixes.length > 0),
  };
}

/** True when the deep net got worse although its gradient is healthy: He et al.'s degradation. */
function isDegradation(trend: Trend, deep: RunSummary, residual: boolean): boolean {
  return (
    trend === 'worse' &&
    !residual &&
    deep.gradientRatio !== undefined &&
    gradientHealth(deep.gradientRatio) === 'healthy'
  );
}

function gradientPart(
  shallow: RunSummary,
  deep: RunSummary,
  trend: Trend,
  residual: boolean,
): string | undefined {
  const deepRatio = deep.gradientRatio;
  if (deepRatio === undefined) return undefined;
  if (isDegradation(trend, deep, residual)) {
    return `Yet depth ${deep.depth}'s gradient is healthy (first layer ${formatRatio(deepRatio)} times the last), so this is not vanishing gradients but the degradation He et al. (2016) saw in deep plain nets: try residual:true.`;
  }
  const shallowRatio = shallow.gradientRatio;
  if (shallowRatio !== undefined && shallow !== deep && gradientHealth(deepRatio) === 'vanished') {
    return `The first layer's gradient, relative to the last layer's, falls from ${formatRatio(shallowRatio)} at depth ${shallow.depth} to ${formatRatio(deepRatio)} at depth ${deep.depth}: the first layers of the deep nets barely learn (vanishing gradients).`;
  }
  return gradientSentence(deep.depth, deepRatio);
}

function compareLesson(trend: Trend, deep: RunSummary, anyStalled: boolean, anyFix: boolean): LessonId {
  const health = deep.gradientRatio === undefined ? undefined : gradientHealth(deep.gradientRatio);
  if (trend === 'worse') return !anyStalled && health === 'healthy' ? 'degradation' : 'vanishing-gradients';
  if (anyStalled) return 'vanishing-gradients';
  return anyFix ? 'tricks' : 'vanishing-gradients';
}
