import { describe, expect, it } from 'vitest';
import { specKey } from '../../../src/bot/jobs/spec-key.js';
import { builtInTable, parseBuiltInCsv } from '../../../src/engine/tables/built-in.js';
import { featureScales, principalComponents, tableInputs } from '../../../src/engine/tables/prepare.js';
import { TABLE_LIMITS, type Table } from '../../../src/engine/tables/table.js';
import { type FieldError, validateSpec } from '../../../src/engine/validate.js';
import { estimateWork } from '../../../src/engine/work.js';

function errorsOf(input: { experiment: string } & Record<string, unknown>): FieldError[] {
  const validation = validateSpec(input);
  if (validation.ok) throw new Error('expected the options to be refused');
  return validation.errors;
}

function specOf(input: { experiment: string } & Record<string, unknown>) {
  const validation = validateSpec(input);
  if (!validation.ok) throw new Error(JSON.stringify(validation.errors));
  return validation.spec;
}

/** A table of `rows` rows, `features` features and `classes` classes, every class present. */
function tableOf(rows: number, features: number, classes: number): Table {
  return {
    name: 'made',
    features: Array.from({ length: features }, (_, j) => `f${j}`),
    classes: Array.from({ length: classes }, (_, k) => `c${k}`),
    rows: Array.from({ length: rows }, (_, i) =>
      Array.from({ length: features }, (_, j) => ((i * 7 + j * 3) % 11) - 5),
    ),
    labels: Array.from({ length: rows }, (_, i) => i % classes),
  };
}

describe('the built-in iris table', () => {
  it("holds Fisher's 150 flowers: 50 of each species, with the published per-species means", () => {
    const iris = builtInTable('iris');
    expect(iris.features).toEqual(['sepal_length', 'sepal_width', 'petal_length', 'petal_width']);
    expect(iris.classes).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(iris.rows).toHaveLength(150);
    // Per-species means of Fisher (1936) as R's datasets::iris summarizes them (cm).
    const published = [
      [5.006, 3.428, 1.462, 0.246],
      [5.936, 2.77, 4.26, 1.326],
      [6.588, 2.974, 5.552, 2.026],
    ];
    iris.classes.forEach((_, k) => {
      const rows = iris.rows.filter((_, i) => iris.labels[i] === k);
      expect(rows).toHaveLength(50);
      published[k]!.forEach((mean, j) => {
        expect(rows.reduce((sum, row) => sum + row[j]!, 0) / 50).toBeCloseTo(mean, 10);
      });
    });
  });

  it('is refused loudly when its file is malformed (a built-in file is ours to fix)', () => {
    expect(() => parseBuiltInCsv('bad', 'a,b,label\n1,2,x\n3,oops,y\n')).toThrow(/line 3/);
    expect(parseBuiltInCsv('ok', 'a,b,label\n1,2,x\n3,4,y\n5,6,x\n').labels).toEqual([0, 1, 0]);
  });
});

describe('validateSpec with tables', () => {
  it('resolves dataset:iris into spec.table for every experiment that trains on data, and re-validates to the same spec', () => {
    for (const experiment of ['train', 'compare', 'map', 'restarts', 'landscape']) {
      const spec = specOf({ experiment, dataset: 'iris' });
      expect('table' in spec && spec.table).toEqual(builtInTable('iris'));
      expect('standardize' in spec && spec.standardize).toBe(true);
      // A queue worker checks the spec again: it must come out unchanged.
      expect(specOf({ ...spec })).toEqual(spec);
    }
    expect('table' in specOf({ experiment: 'train' })).toBe(false);
  });

  it('takes a table given with the options, and refuses a broken one naming the table and the limit', () => {
    const table = tableOf(40, 3, 4);
    expect(specOf({ experiment: 'compare', table, standardize: false })).toMatchObject({
      table,
      standardize: false,
    });
    const cases: [Table, RegExp][] = [
      [tableOf(TABLE_LIMITS.rows.min - 1, 3, 2), /8 to 2000 rows/],
      [tableOf(40, 17, 2), /1 to 16 feature columns/],
      [tableOf(40, 3, 9), /2 to 8 classes/],
      [{ ...tableOf(40, 3, 2), rows: [[1, 2], ...tableOf(39, 3, 2).rows] }, /row 1 does not have 3 values/],
      [
        { ...tableOf(40, 3, 2), rows: [[1, Number.NaN, 2], ...tableOf(39, 3, 2).rows] },
        /row 1 .*not a finite number/,
      ],
      [{ ...tableOf(40, 3, 2), labels: [2, ...tableOf(39, 3, 2).labels] }, /row 1 has no class/],
      [{ ...tableOf(40, 3, 3), labels: Array(40).fill(0) }, /class with no rows/],
    ];
    for (const [bad, message] of cases) {
      const [error, ...rest] = errorsOf({ experiment: 'train', table: bad });
      expect(rest).toEqual([]);
      expect(error!.field).toBe('table');
      expect(error!.message).toMatch(message);
    }
  });

  it('refuses mse beyond two classes, naming the field, the class count and cross-entropy', () => {
    const [error] = errorsOf({ experiment: 'train', dataset: 'iris', loss: 'mse' });
    expect(error!.field).toBe('loss');
    expect(error!.message).toContain('cross-entropy');
    expect(error!.message).toContain('3 classes');
    expect(specOf({ experiment: 'train', table: tableOf(40, 3, 2), loss: 'mse' })).toMatchObject({
      loss: 'mse',
    });
  });

  it('refuses a table for hardness, and for lp beyond two classes; lp takes a 2-class table', () => {
    expect(errorsOf({ experiment: 'hardness', table: tableOf(40, 3, 2) })[0]!.field).toBe('table');
    const [byName] = errorsOf({ experiment: 'lp', dataset: 'iris' });
    expect(byName!.field).toBe('dataset');
    expect(byName!.message).toContain('3 classes');
    expect(errorsOf({ experiment: 'lp', table: tableOf(40, 3, 3) })[0]!.field).toBe('table');
    expect(specOf({ experiment: 'lp', table: tableOf(40, 3, 2) })).toMatchObject({ experiment: 'lp' });
  });

  it('refuses dataset:iris together with a different table', () => {
    const [error] = errorsOf({ experiment: 'train', dataset: 'iris', table: tableOf(40, 4, 3) });
    expect(error!.field).toBe('dataset');
  });

  it("estimates the work from the table's rows, inputs and classes, not from points", () => {
    const small = specOf({ experiment: 'train', table: tableOf(100, 2, 2), points: 1000 });
    const rows = specOf({ experiment: 'train', table: tableOf(1000, 2, 2), points: 8 });
    const wide = specOf({ experiment: 'train', table: tableOf(100, 16, 2) });
    const classes = specOf({ experiment: 'train', table: tableOf(100, 2, 8) });
    expect(estimateWork(rows)).toBeGreaterThan(estimateWork(small) * 5);
    expect(estimateWork(wide)).toBeGreaterThan(estimateWork(small));
    expect(estimateWork(classes)).toBeGreaterThan(estimateWork(small));
    // A shape's work is as before: points count.
    expect(estimateWork(specOf({ experiment: 'train', points: 1000 }))).toBeGreaterThan(
      estimateWork(specOf({ experiment: 'train', points: 100 })) * 5,
    );
  });

  it("keys the result cache on the table's content", () => {
    const table = tableOf(40, 3, 3);
    const key = specKey(specOf({ experiment: 'train', table }), 'wasm');
    expect(specKey(specOf({ experiment: 'train', table: structuredClone(table) }), 'wasm')).toBe(key);
    const changed = structuredClone(table);
    changed.rows[17]![1] = 0.5;
    expect(specKey(specOf({ experiment: 'train', table: changed }), 'wasm')).not.toBe(key);
    const relabelled = structuredClone(table);
    relabelled.labels[3] = (relabelled.labels[3]! + 1) % 3;
    expect(specKey(specOf({ experiment: 'train', table: relabelled }), 'wasm')).not.toBe(key);
    expect(specKey(specOf({ experiment: 'train', table, standardize: false }), 'wasm')).not.toBe(key);
  });
});

describe('standardizing and projecting a table', () => {
  it('standardizes each feature to mean 0 and standard deviation 1, or leaves the values as given', () => {
    const iris = builtInTable('iris');
    const x = tableInputs(iris, true);
    for (let j = 0; j < 4; j++) {
      const column = iris.rows.map((_, i) => x[i * 4 + j]!);
      const mean = column.reduce((a, b) => a + b, 0) / 150;
      const sd = Math.sqrt(column.reduce((a, b) => a + (b - mean) ** 2, 0) / 150);
      expect(mean).toBeCloseTo(0, 12);
      expect(sd).toBeCloseTo(1, 12);
    }
    expect(Array.from(tableInputs(iris, false).subarray(0, 4))).toEqual(iris.rows[0]);
    // A constant feature is only centred, never divided by zero.
    expect(featureScales([[3], [3], [3]], 1)).toEqual({ mean: [3], sd: [1] });
  });

  it("finds iris's published principal components: 73.0% and 22.9% of the standardized variance", () => {
    const iris = builtInTable('iris');
    const pca = principalComponents(tableInputs(iris, true), 150, 4);
    expect(pca.explained[0]).toBeCloseTo(0.7296, 4);
    expect(pca.explained[1]).toBeCloseTo(0.2285, 4);
    const [first, second] = pca.components;
    [0.5211, -0.2693, 0.5804, 0.5649].forEach((v, j) => {
      expect(first[j]).toBeCloseTo(v, 3);
    });
    [0.3774, 0.9233, 0.0245, 0.0669].forEach((v, j) => {
      expect(second[j]).toBeCloseTo(v, 3);
    });
    expect(first.reduce((s, v, j) => s + v * second[j]!, 0)).toBeCloseTo(0, 8);
    // The projections' variances are the components' shares of the total (4 standardized features).
    const variance = (k: 0 | 1) => pca.points.reduce((s, p) => s + p[k] ** 2, 0) / 150;
    expect(variance(0) / 4).toBeCloseTo(pca.explained[0], 8);
    expect(variance(1) / 4).toBeCloseTo(pca.explained[1], 8);
    expect(principalComponents(tableInputs(iris, true), 150, 4)).toEqual(pca);
  });

  it('projects a one-feature table onto its one axis', () => {
    const pca = principalComponents([1, 2, 3, 4], 4, 1);
    expect(pca.explained).toEqual([1, 0]);
    expect(pca.points.map((p) => p[1])).toEqual([0, 0, 0, 0]);
  });
});
