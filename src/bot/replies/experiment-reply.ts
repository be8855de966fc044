import type { Field } from '../../engine/fields.js';
import type { ExperimentResult } from '../../engine/result.js';
import { type ExperimentSpec, SPEC_FIELDS } from '../../engine/spec.js';
import type { ChartView } from '../charts/layer-charts.js';
import { explanationText } from '../explain/types.js';
import { optionText } from '../options/option-text.js';
import type { TutorServices } from '../services.js';
import type { Reply } from '../types.js';
import { describeSpec } from './describe-spec.js';
import { followUps } from './follow-ups.js';

const HEADLINES: Record<ExperimentResult['experiment'], string> = {
  train: 'Training run',
  compare: 'Depth sweep',
  map: 'Trainability map',
  restarts: 'Random restarts',
  landscape: 'Loss landscape',
  lp: 'One layer as a linear program',
  hardness: 'Exact training gets hard',
};

/** The headline of an experiment's answer, and its short form for titles that cannot hold it all. */
export function experimentHeadline(spec: ExperimentSpec): Pick<Reply, 'headline' | 'shortHeadline'> {
  const title = HEADLINES[spec.experiment];
  return { headline: `${title}: ${describeSpec(spec)}`, shortHeadline: title };
}

function seedsOf(result: ExperimentResult): string {
  const spec = result.spec;
  if (result.experiment === 'train' || result.experiment === 'compare' || result.experiment === 'map') {
    return Array.from({ length: result.spec.seeds }, (_, i) => result.spec.seed + i).join(', ');
  }
  if (result.experiment === 'restarts')
    return `${result.spec.seed + 1} to ${result.spec.seed + result.spec.restarts}`;
  return String(spec.seed);
}

/**
 * What trained the runs: the TensorFlow.js backend, typed arrays in plain TypeScript (the small
 * nets, src/engine/compute-path.ts), or each for so many runs.
 */
export function computeText(result: ExperimentResult): string {
  const typed = result.paths?.['typed-arrays'] ?? 0;
  const tfjs = result.paths?.tfjs ?? 0;
  if (typed === 0) return result.backend;
  if (tfjs === 0) return TYPED_ARRAYS;
  return `${result.backend} for ${tfjs} ${tfjs === 1 ? 'run' : 'runs'}, ${TYPED_ARRAYS} for ${typed}`;
}

const TYPED_ARRAYS = 'typed arrays (plain TypeScript)';

const CHARTS_FAILED =
  'The charts of this run could not be drawn this time; the run and the explanation above are complete. Repeating the command tries the drawing again.';

/** The reply for a finished experiment: what ran, what it shows, the charts, and what to try next. */
export async function experimentReply(
  result: ExperimentResult,
  services: TutorServices,
  timing: { cached: boolean; runMs: number },
  view: ChartView = 'main',
): Promise<Reply> {
  const { experiment: _experiment, ...values } = result.spec;
  const fields = SPEC_FIELDS[result.experiment] as Record<string, Field>;
  const repeat = `/${result.experiment} ${optionText(values, fields)}`.trim();
  const explanation = services.explain(result);
  const lesson = services.lessons.find((l) => l.id === explanation.lessonId);
  // A drawing that failed (renderCharts logged why) costs the reply its charts, not its answer.
  const images = await services.renderCharts(result, view).catch(() => undefined);
  const seconds = (timing.runMs / 1000).toFixed(1);
  return {
    visibility: 'public',
    ...experimentHeadline(result.spec),
    blocks: [
      explanationText(explanation),
      ...(lesson ? [`Why: *${lesson.title}* — \`/explain ${lesson.id}\``] : []),
      ...(images ? [] : [CHARTS_FAILED]),
    ],
    fields: [
      { label: 'Repeat it', value: `\`${repeat}\`` },
      { label: 'Seeds', value: seedsOf(result) },
      {
        label: 'Backend',
        value: `${computeText(result)}, ${timing.cached ? 'answered from the cache' : `${seconds} s`}`,
      },
    ],
    images: images ?? [],
    buttons: followUps(result, view),
  };
}
