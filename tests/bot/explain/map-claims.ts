import type { Sentence } from '../../../src/bot/explain/types.js';
import { cellKind } from '../../../src/bot/judge/judge.js';
import type { ExperimentResult, MapResult } from '../../../src/engine/result.js';

/*
 * The claims audit's checks for `/map` sentences, read straight off the cells with the audit's
 * own, looser cut-offs: "every cell learned" is below half the no-learning loss, "did not" above a
 * fifth; the deepest learner per column is checked against the cut the sentence quotes.
 */

type Check = (result: ExperimentResult, sentence: Sentence) => string | undefined;

const fail = (ok: boolean, why: string) => (ok ? undefined : why);
const noLearning = (r: MapResult) => (r.spec.loss === 'mse' ? 0.25 : Math.log(2));
const finite = (v: number) => Number.isFinite(v);
const clearlyLearned = (r: MapResult, loss: number) => finite(loss) && loss < 0.5 * noLearning(r);
const clearlyNot = (r: MapResult, loss: number) => !finite(loss) || loss > 0.2 * noLearning(r);
/** Far below any "learned" cut (below 0.104 for cross-entropy): no reading of the cell calls it unlearned. */
const surelyLearned = (r: MapResult, loss: number) => finite(loss) && loss < 0.15 * noLearning(r);
/** The tutor's own judgement of a map cell (judge.ts cellKind), to recount its score. */
function tutorLearned(r: MapResult, cell: MapResult['cells'][number]): boolean {
  if (!finite(cell.meanFinalLoss)) return false;
  if (r.spec.metric === 'steps') return cell.stepsToThreshold.every((steps) => steps !== null);
  return cellKind(cell.meanFinalLoss, noLearning(r)) === 'learned';
}

function onMap(check: (result: MapResult, sentence: Sentence) => string | undefined): Check {
  return (result, sentence) => (result.experiment === 'map' ? check(result, sentence) : 'not a map');
}

const column = (r: MapResult, i: number) => r.cells.filter((_, k) => k % r.axisValues.length === i);
const hasTheory = (r: MapResult) => r.theory !== undefined && r.spec.activation === 'tanh';

/**
 * Each column's quoted deepest learner must be below the quoted loss, which must itself be below
 * the no-learning loss, and nothing deeper clearly learned.
 */
function deepestQuoted(r: MapResult, s: Sentence): string | undefined {
  const cut = Number(/reached loss below ([\d.]+)/.exec(s.text)?.[1] ?? Number.NaN);
  if (r.spec.metric === 'loss' && !(cut < noLearning(r))) return `quoted cut ${cut}`;
  const quoted = s.text.split(': ').slice(1).join(': ').split('; ');
  if (quoted.length !== r.axisValues.length) return `quoted ${quoted.length} columns`;
  for (const [i, part] of quoted.entries()) {
    const cells = column(r, i);
    const depth = /up to (\d+)/.exec(part)?.[1];
    if (depth === undefined) {
      if (r.spec.metric === 'loss' && cells.some((c) => surelyLearned(r, c.meanFinalLoss)))
        return `column ${i} said none`;
      continue;
    }
    const cell = cells.find((c) => c.depth === Number(depth));
    if (!cell || !finite(cell.meanFinalLoss)) return `column ${i}: no finite cell at depth ${depth}`;
    if (r.spec.metric === 'loss' && !(cell.meanFinalLoss < cut)) return `column ${i} depth ${depth}`;
    const deeper = cells.find((c) => c.depth > cell.depth && surelyLearned(r, c.meanFinalLoss));
    if (r.spec.metric === 'loss' && deeper) return `column ${i}: depth ${deeper.depth} also learned`;
  }
  return undefined;
}

/** Checks for every map rule. */
export const MAP_CHECKS = {
  'map-deepest': onMap(deepestQuoted),
  'map-steps': onMap((r) => fail(r.spec.metric === 'steps', 'not a steps map')),
  'map-diverged': onMap((r, s) => {
    const quoted = Number(/^(\d+) cell/.exec(s.text)?.[1]);
    return fail(quoted === r.cells.filter((c) => !finite(c.meanFinalLoss)).length, `quoted ${quoted}`);
  }),
  'map-all-learned': onMap((r) =>
    fail(
      r.cells.every((c) => clearlyLearned(r, c.meanFinalLoss)),
      'a cell did not learn',
    ),
  ),
  'map-none-learned': onMap((r) =>
    fail(
      r.cells.every((c) => clearlyNot(r, c.meanFinalLoss)),
      'a cell learned',
    ),
  ),
  'map-theory-prediction': onMap((r) =>
    fail(hasTheory(r) && r.spec.axis === 'weightScale', 'no tanh theory'),
  ),
  'map-theory-score': onMap((r, s) => {
    const [, agree, total] = (/matches (\d+) of (\d+) cells/.exec(s.text) ?? []).map(Number);
    if (!hasTheory(r) || total !== r.cells.length) return `quoted ${total} cells`;
    // Recount: a cell matches when "depth ≤ 6ξ of its column" agrees with whether it learned.
    const theory = r.theory ?? [];
    const matches = r.cells.filter((cell, k) => {
      const point = theory[k % r.axisValues.length];
      return !!point && cell.depth <= point.trainableDepth === tutorLearned(r, cell);
    }).length;
    return fail(agree === matches, `quoted ${agree} matches, counted ${matches}`);
  }),
  'map-theory-untested': onMap((r) => {
    const deepest = Math.max(...r.spec.depths);
    return fail(
      (r.theory ?? []).some((p) => p.chi1 > 1 && p.trainableDepth > deepest),
      'every chaotic-side limit is within the rows',
    );
  }),
} satisfies Record<string, Check>;
