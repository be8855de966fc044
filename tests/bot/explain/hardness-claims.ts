import type { Sentence } from '../../../src/bot/explain/types.js';
import type { HardnessRecord } from '../../../src/engine/hardness/types.js';
import type { ExperimentResult } from '../../../src/engine/result.js';

/*
 * The claims audit's checks for `/hardness` sentences, computed straight from the per-instance
 * records (not from the engine's cell summary the explainer uses), with looser thresholds.
 */

type Check = (result: ExperimentResult, sentence: Sentence) => string | undefined;
type HardnessCheck = (records: HardnessRecord[], sentence: Sentence) => string | undefined;

const fail = (ok: boolean, why: string) => (ok ? undefined : why);

function onHardness(check: HardnessCheck): Check {
  return (result, sentence) =>
    result.experiment === 'hardness' ? check(result.instances, sentence) : 'not a hardness result';
}

/** Slowest exact solve and whether any instance gave up, at the smallest and largest n of the largest d. */
function ends(records: HardnessRecord[]) {
  const d = Math.max(...records.map((r) => r.d));
  const line = records.filter((r) => r.d === d);
  const sizes = line.map((r) => r.n);
  const at = (n: number) => {
    const cell = line.filter((r) => r.n === n);
    return {
      ms: Math.max(...cell.map((r) => r.exact.solveMs)),
      gaveUp: cell.some((r) => r.exact.status === 'time-limit'),
    };
  };
  return { small: at(Math.min(...sizes)), large: at(Math.max(...sizes)) };
}

const quoted = (text: string, pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? Number.NaN);
const count = (records: HardnessRecord[], keep: (r: HardnessRecord) => boolean) =>
  records.filter(keep).length;

/** Checks for every hardness rule. */
export const HARDNESS_CHECKS = {
  'hardness-limit-at-start': onHardness((records) =>
    fail(ends(records).small.gaveUp, 'the smallest size finished within the limit'),
  ),
  'hardness-grew': onHardness((records) => {
    const { small, large } = ends(records);
    return fail(!small.gaveUp && (large.gaveUp || large.ms > 2 * small.ms), `${small.ms} → ${large.ms} ms`);
  }),
  'hardness-flat': onHardness((records) => {
    const { small, large } = ends(records);
    return fail(!small.gaveUp && !large.gaveUp && large.ms <= 4 * small.ms, `${small.ms} → ${large.ms} ms`);
  }),
  'hardness-verdicts': onHardness((records, s) => {
    const fits = quoted(s.text, /verified a fit on (\d+)/);
    const none = quoted(s.text, /inside its bound\) on (\d+)/);
    const limit = /time limit on (\d+)/.test(s.text) ? quoted(s.text, /time limit on (\d+)/) : 0;
    const ok =
      fits === count(records, (r) => r.exact.status === 'fit') &&
      none === count(records, (r) => r.exact.status === 'no-fit') &&
      limit === count(records, (r) => r.exact.status === 'time-limit');
    return fail(ok, `quoted ${fits}/${none}/${limit}`);
  }),
  'hardness-lp': onHardness((records, s) => {
    const inseparable = quoted(s.text, /on (\d+) of \d+ instances it proved/);
    return fail(inseparable === count(records, (r) => !r.lp.separable), `quoted ${inseparable}`);
  }),
  'hardness-dimension': onHardness((records) =>
    fail(
      new Set(records.map((r) => r.d)).size > 1 || records.some((r) => r.enumeration),
      'one dimension only',
    ),
  ),
  'hardness-descent': onHardness((records) => {
    const tried = records.filter((r) => r.gradientDescent);
    const ok =
      tried.length > 0 && tried.every((r) => r.exact.status === 'fit' && r.gradientDescent!.successes > 0);
    return fail(ok, 'descent ran without a proven fit, or some instance saw every restart fail');
  }),
  'hardness-descent-missed': onHardness((records) =>
    fail(
      records.some((r) => r.exact.status === 'fit' && r.gradientDescent?.successes === 0),
      'no proven fit was missed by every restart',
    ),
  ),
  'hardness-not-a-proof': onHardness(() => undefined),
} satisfies Record<string, Check>;
