import type { Table } from '../../engine/tables/table.js';

/*
 * What the explainer may say about the data a run trained on. A generated shape's geometry is
 * known by construction (no straight line separates xor, circles or spiral; moons must bend too),
 * so a sentence may lean on it. A table (an uploaded file, a class dataset, a built-in real table)
 * is known only by its name, its features and its classes: no sentence names a shape for it or
 * assumes one, and whether a line separates it is said only from evidence the run itself holds
 * (a linear model that classified every row, an LP run on that table).
 */

/** Generated shapes no straight line separates, by construction: a linear model's failure there is capacity. */
const NOT_LINEARLY_SEPARABLE: ReadonlySet<string> = new Set(['xor', 'circles', 'spiral']);

/** Generated shapes whose classes are arranged so that any separating boundary must bend. */
const BENT_SHAPES: ReadonlySet<string> = new Set(['xor', 'circles', 'spiral', 'moons']);

/** The table a spec trained on, or undefined for a generated shape. */
export function tableOf(spec: object): Table | undefined {
  return (spec as { table?: Table }).table;
}

/** The data's name in a sentence: a table's own name, or the generated shape's. */
export function dataName(spec: { dataset: string }): string {
  return tableOf(spec)?.name ?? spec.dataset;
}

/**
 * The generated shape's name when it is one no straight line separates; undefined for any other
 * shape and for every table (nothing about a table's geometry is known without a check).
 */
export function shapeNoLineSeparates(spec: { dataset: string }): string | undefined {
  return tableOf(spec) === undefined && NOT_LINEARLY_SEPARABLE.has(spec.dataset) ? spec.dataset : undefined;
}

/** The data is a generated shape whose separating boundary must bend. */
export function bentShape(spec: { dataset: string }): boolean {
  return tableOf(spec) === undefined && BENT_SHAPES.has(spec.dataset);
}

/**
 * What a linear model draws on this data, and what it is like: "one straight line" and "a single
 * neuron" on the 2-D two-class shapes; on a table, its boundaries between classes in as many
 * dimensions as it has features, like a net with no hidden layer (with K > 2 classes that layer is
 * K output units, not one neuron).
 */
export function linearWords(spec: object): { draws: string; like: string } {
  const table = tableOf(spec);
  if (table === undefined) return { draws: 'one straight line', like: 'a single neuron' };
  return {
    draws:
      table.classes.length === 2
        ? 'one linear boundary'
        : `linear boundaries between its ${table.classes.length} classes`,
    like: 'a net with no hidden layer',
  };
}

/** Depth 0 in a sentence: one neuron on two classes, one layer of K output units on more. */
export function depthZeroName(classes: number): string {
  return classes === 2 ? 'the single neuron' : `the single layer (${classes} output units, no hidden layer)`;
}
