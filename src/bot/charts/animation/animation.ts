import { createCanvas } from '@napi-rs/canvas';
import { planeDataOf, toDataPoints } from '../../../engine/datasets.js';
import type { DataPoints, ExperimentResult, RunResult, TrainingFrames } from '../../../engine/result.js';
import { levelOfSpec } from '../../no-learning.js';
import { architectureText } from '../builders/loss-curves.js';
import { seriesColor } from '../style.js';
import { describeAnimation } from './describe.js';
import { type AnimatedRun, type AnimationScene, drawFrame, sceneSize } from './draw-frame.js';
import { encodeGif, type GifFrame, yieldToEventLoop } from './encode-gif.js';

/** An encoded animation of training, ready to attach. */
export interface TrainingAnimation {
  /** File name, "training.gif". */
  name: string;
  gif: Buffer;
  alt: string;
  frames: number;
  width: number;
  height: number;
  /** Drawing and encoding time, for the bench. */
  renderMs: number;
}

/** How long each frame stays up; the last one is held so the end state can be read. */
export const FRAME_DELAY_MS = 120;
export const LAST_FRAME_DELAY_MS = 2000;

type Animated = RunResult & { frames: TrainingFrames };
const hasFrames = (run: RunResult): run is Animated => (run.frames?.frames.length ?? 0) > 0;

function animatedRun(run: Animated, index: number): AnimatedRun {
  return {
    label: `depth-${run.depth}`,
    color: seriesColor(index),
    frames: run.frames,
    lossCurve: run.lossCurve,
  };
}

/** The scene of a train or compare result, or undefined when it recorded no frames. */
export function animationScene(result: ExperimentResult): AnimationScene | undefined {
  if (result.experiment !== 'train' && result.experiment !== 'compare') return undefined;
  const animated = result.runs.filter(hasFrames).sort((a, b) => a.depth - b.depth);
  if (animated.length === 0) return undefined;
  const { spec } = result;
  // compare results carry no points: the data set is rebuilt from the spec (same seed, same points).
  // Only data in the plane record frames (a larger table's result has none), so there is a plane.
  const plane = result.experiment === 'train' ? undefined : planeDataOf(spec);
  if (result.experiment !== 'train' && !plane) return undefined;
  const data: DataPoints = result.experiment === 'train' ? result.data : toDataPoints(plane!);
  const runs = animated.map(animatedRun);
  const allLosses = animated.flatMap((run) => run.lossCurve.losses).filter(Number.isFinite);
  const title =
    result.experiment === 'train'
      ? architectureText(result.spec)
      : `${spec.activation}${spec.residual ? ', residual' : ''}, depth ${animated[0]!.depth} vs ${animated.at(-1)!.depth}`;
  const reference = levelOfSpec(spec);
  return {
    title,
    runs,
    data,
    steps: spec.steps,
    maxLoss: Math.max(reference.level * 1.2, Math.min(3, Math.max(...allLosses) * 1.05)),
    reference,
  };
}

/** Draws and encodes a result's animation; undefined when the result recorded no frames. */
export async function renderAnimation(result: ExperimentResult): Promise<TrainingAnimation | undefined> {
  const scene = animationScene(result);
  if (!scene) return undefined;
  const started = performance.now();
  const count = scene.runs[0]!.frames.frames.length;
  const { width, height } = sceneSize(scene);
  const frames: GifFrame[] = [];
  for (let i = 0; i < count; i++) {
    frames.push({
      rgba: drawFrame(scene, i),
      delayMs: i === count - 1 ? LAST_FRAME_DELAY_MS : FRAME_DELAY_MS,
    });
    await yieldToEventLoop();
  }
  const gif = await encodeGif(frames, width, height);
  return {
    name: 'training.gif',
    gif,
    alt: describeAnimation(scene.title, scene.runs, scene.steps),
    frames: count,
    width,
    height,
    renderMs: performance.now() - started,
  };
}

/** The last frame of a result's animation as a PNG: the still fallback when no chart stands in for it. */
export function lastFramePng(result: ExperimentResult): Buffer | undefined {
  const scene = animationScene(result);
  if (!scene) return undefined;
  const { width, height } = sceneSize(scene);
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  const image = ctx.createImageData(width, height);
  image.data.set(drawFrame(scene, scene.runs[0]!.frames.frames.length - 1));
  ctx.putImageData(image, 0, 0);
  return canvas.toBuffer('image/png');
}

/** A drawn animation for a reply, with its last frame as a PNG when the reply needs a still for it. */
export interface DrawnAnimation {
  name: string;
  gif: Buffer;
  alt: string;
  still?: Buffer;
}

/** Draws what a reply needs of a result's animation; undefined when the result recorded no frames. */
export async function drawAnimation(
  result: ExperimentResult,
  withStill: boolean,
): Promise<DrawnAnimation | undefined> {
  const rendered = await renderAnimation(result);
  if (!rendered) return undefined;
  const still = withStill ? lastFramePng(result) : undefined;
  return { name: rendered.name, gif: rendered.gif, alt: rendered.alt, ...(still ? { still } : {}) };
}

/**
 * The part of a result its animation reads: the animated runs only (a compare result's other
 * twelve runs are not sent to a drawing thread for nothing); undefined when no run recorded frames.
 */
export function animationPart(result: ExperimentResult): ExperimentResult | undefined {
  if (result.experiment !== 'train' && result.experiment !== 'compare') return undefined;
  const runs = result.runs.filter(hasFrames);
  return runs.length === 0 ? undefined : { ...result, runs };
}
