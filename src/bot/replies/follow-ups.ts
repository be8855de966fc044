import type { Field } from '../../engine/fields.js';
import { LIMITS } from '../../engine/limits.js';
import type { ExperimentSpec } from '../../engine/spec.js';
import { SPEC_FIELDS } from '../../engine/spec.js';
import { commandButton } from '../buttons.js';
import type { ChartView } from '../charts/layer-charts.js';
import { optionText } from '../options/option-text.js';
import type { ReplyButton } from '../types.js';

/*
 * Follow-ups that teach: each button changes one thing about the run just shown, so a student
 * can see what that one thing does. Buttons carry their whole command in their id.
 */

type Values = Record<string, unknown>;

// The tricks that flatten the depth trend in practice: ReLU, He initialization and Adam.
const FIX = { activation: 'relu', init: 'he', optimizer: 'adam', learningRate: 0.01 };

function button(
  label: string,
  experiment: keyof typeof SPEC_FIELDS,
  values: Values,
  style?: ReplyButton['style'],
) {
  const fields = SPEC_FIELDS[experiment] as Record<string, Field>;
  const known = Object.fromEntries(Object.entries(values).filter(([key]) => Object.hasOwn(fields, key)));
  return commandButton(label, experiment, optionText(known, fields, true), style);
}

const newSeeds = (spec: { seed: number; seeds?: number; restarts?: number }) =>
  Math.min(LIMITS.seed.max, spec.seed + (spec.seeds ?? spec.restarts ?? 1));

/** Switches a train or compare reply between its usual charts and the layers watched over training. */
function viewButton(spec: ExperimentSpec, view: ChartView): ReplyButton | undefined {
  const { experiment, ...values } = spec;
  const fields = SPEC_FIELDS[experiment] as Record<string, Field>;
  const text = optionText(values, fields, true);
  const other = view === 'layers' ? '' : 'view:layers';
  const label = view === 'layers' ? 'Back to the usual charts' : 'Layers over training';
  return commandButton(label, experiment, [text, other].filter((t) => t !== '').join(' '));
}

/** The map's follow-ups: the critical net on its own, the other axes, fresh seeds. */
function mapFollowUps(
  spec: Extract<ExperimentSpec, { experiment: 'map' }>,
  values: Values,
): (ReplyButton | undefined)[] {
  const buttons: (ReplyButton | undefined)[] = [];
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
  buttons.push(button('Rerun with new seeds', 'map', { ...values, seed: newSeeds(spec) }));
  return buttons;
}

/** The follow-up buttons for a finished experiment. */
export function followUps(spec: ExperimentSpec, view: ChartView = 'main'): ReplyButton[] {
  const { experiment: _experiment, ...values } = spec;
  const buttons: (ReplyButton | undefined)[] = [];
  switch (spec.experiment) {
    case 'train': {
      if (spec.depth < LIMITS.depth.max) {
        buttons.push(
          button(
            'Go deeper',
            'train',
            { ...values, depth: Math.min(LIMITS.depth.max, Math.max(1, spec.depth * 2)) },
            'primary',
          ),
        );
      }
      if (spec.activation !== 'relu' || spec.optimizer !== 'adam')
        buttons.push(button('Fix it (relu + he + adam)', 'train', { ...values, ...FIX }));
      if (!spec.residual && spec.depth >= 2)
        buttons.push(button('Add residual connections', 'train', { ...values, residual: true }));
      buttons.push(button('Compare depths', 'compare', values));
      buttons.push(button('Rerun with new seeds', 'train', { ...values, seed: newSeeds(spec) }));
      break;
    }
    case 'compare': {
      if (spec.activation !== 'relu' || spec.optimizer !== 'adam')
        buttons.push(button('Fix it (relu + he + adam)', 'compare', { ...values, ...FIX }, 'primary'));
      if (!spec.residual)
        buttons.push(button('Add residual connections', 'compare', { ...values, residual: true }));
      if (spec.normalization === 'none' && spec.activation === 'relu') {
        buttons.push(button('Add normalization', 'compare', { ...values, normalization: 'batch' }));
      }
      buttons.push(button('Rerun with new seeds', 'compare', { ...values, seed: newSeeds(spec) }));
      break;
    }
    case 'map':
      buttons.push(...mapFollowUps(spec, values));
      break;
    case 'restarts':
      buttons.push(
        button('Rerun with new seeds', 'restarts', { ...values, seed: newSeeds(spec) }, 'primary'),
      );
      buttons.push(button('Look at the landscape', 'landscape', {}));
      buttons.push(button('Compare depths', 'compare', {}));
      break;
    case 'landscape':
      buttons.push(
        button('Another random direction', 'landscape', { ...values, seed: spec.seed + 1 }, 'primary'),
      );
      buttons.push(button('Restart many times', 'restarts', {}));
      break;
    case 'lp':
      buttons.push(
        spec.dataset === 'xor'
          ? button('Separable data (blobs)', 'lp', { ...values, dataset: 'blobs' }, 'primary')
          : button('Try XOR', 'lp', { ...values, dataset: 'xor' }, 'primary'),
      );
      buttons.push(
        button('Add a hidden layer (XOR)', 'train', {
          dataset: 'xor',
          depth: 1,
          width: 8,
          ...FIX,
          steps: 300,
        }),
      );
      break;
    case 'hardness':
      buttons.push(
        spec.labels === 'random'
          ? button('Planted labels (a fit exists)', 'hardness', { ...values, labels: 'planted' }, 'primary')
          : button('Random labels only', 'hardness', { ...values, labels: 'random' }, 'primary'),
      );
      buttons.push(
        spec.inputs === 'cube'
          ? button('Gaussian inputs', 'hardness', { ...values, inputs: 'gaussian' })
          : button('Boolean cube inputs', 'hardness', {
              ...values,
              inputs: 'cube',
              sizes: [4, 8, 16],
              dims: [4, 6, 8],
            }),
      );
      buttons.push(button('One layer by LP (XOR)', 'lp', { dataset: 'xor' }));
      break;
  }
  if (spec.experiment === 'train' || spec.experiment === 'compare') buttons.push(viewButton(spec, view));
  return buttons.filter((b): b is ReplyButton => b !== undefined);
}

/** The same experiment again, as a button (undefined when its command is too long for a button id). */
export function rerunButton(spec: ExperimentSpec): ReplyButton | undefined {
  const { experiment, ...values } = spec;
  return button('Run it again', experiment, values, 'primary');
}
