import type { TrainResult } from '../../../engine/result.js';
import type { ChartDraft, XY } from '../draft.js';
import { formatPercent, formatValue } from '../format.js';
import { OKABE_ITO } from '../style.js';
import { axis, baseOptions } from './common.js';
import { architectureText } from './loss-curves.js';
import { classDatasets, paddedBounds } from './points.js';

/*
 * A table of other than two features has no plane to draw a decision boundary in. Its points are
 * shown instead projected onto their first two principal components (computed in the engine, see
 * TableView), coloured by their true class, with a ring around each point the trained net gets
 * wrong. The chart and its alt text say it is a projection: nearby points here may be far apart in
 * the table's own space, and a class boundary of the net is not a line on this picture.
 */

/** "PC1 (73% of variance)". */
function componentTitle(index: 0 | 1, share: number): string {
  return `PC${index + 1} (${Math.round(share * 100)}% of variance)`;
}

/** The projection of a table's points with the model's errors marked, or undefined when the result has none. */
export function projectionChart(result: TrainResult): ChartDraft | undefined {
  const { tableView } = result;
  const table = result.spec.table;
  if (!table || tableView?.plane !== 'projection' || !tableView.projection) return undefined;
  const run = result.runs.find((r) => r.predictions !== undefined);
  if (!run?.predictions) return undefined;
  const { explained } = tableView.projection;
  const errors: XY[] = [];
  result.data.x.forEach(([x, y], i) => {
    if (run.predictions![i] !== result.data.y[i]) errors.push({ x, y });
  });
  const box = paddedBounds(result.data);
  const accuracy = formatPercent(run.finalAccuracy);
  const inputs = `${table.features.length} ${tableView.standardized ? 'standardized ' : ''}features`;
  const shown = formatPercent(explained[0] + explained[1]);
  return {
    name: 'table-projection',
    alt:
      `A projection, not the table's own space: the ${table.name} table's ${result.data.x.length} points, ` +
      `its ${inputs} projected onto their first two principal components (${shown} of the variance), coloured by class ` +
      `(${table.classes.join(', ')}); ${errors.length} point${errors.length === 1 ? '' : 's'} the model of seed ${run.seed} ` +
      `(${architectureText(result.spec)}) gets wrong ${errors.length === 1 ? 'is' : 'are'} ringed; accuracy ${accuracy}, final loss ${formatValue(run.finalLoss)}.`,
    config: {
      type: 'scatter',
      data: {
        datasets: [
          {
            type: 'scatter',
            label: `model wrong (${errors.length})`,
            data: errors,
            backgroundColor: 'rgba(0,0,0,0)',
            borderColor: OKABE_ITO.black,
            borderWidth: 2.5,
            pointRadius: 11,
            pointStyle: 'circle',
          },
          ...classDatasets(result.data, table.classes),
        ],
      },
      options: baseOptions(
        `${table.name}, projected: ${architectureText(result.spec)}`,
        `${inputs} shown on two principal components · ringed: the model's errors · seed ${run.seed} · accuracy ${accuracy}`,
        {
          x: axis('linear', componentTitle(0, explained[0]), { min: box.xMin, max: box.xMax }),
          y: axis('linear', componentTitle(1, explained[1]), { min: box.yMin, max: box.yMax }),
        },
      ),
    },
  };
}
