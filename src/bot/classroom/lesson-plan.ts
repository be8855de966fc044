/*
 * The lesson plan: a rotating sequence of demos that tells the story in order (SUBJECT.md). Each
 * scheduled post runs the next demo's command and posts its reply, introduced by the step's title.
 */

/** One demo of the plan. */
export interface PlanStep {
  /** Short name of what this step shows. */
  title: string;
  /** The command whose reply is posted. */
  command: string;
  /** The lesson that explains it (`/explain <id>`). */
  lessonId: string;
}

/** The demos in story order; a schedule cycles through them and starts again. */
export const LESSON_PLAN: readonly PlanStep[] = [
  {
    title: 'one neuron is convex: every restart ends at the same loss',
    command: '/restarts architectures:neuron,neuron-mse',
    lessonId: 'convex-neuron',
  },
  {
    title: 'one layer is a linear program, and XOR has no solution',
    command: '/lp dataset:xor',
    lessonId: 'lp-one-layer',
  },
  {
    title: 'exact training of a 3-node network gets hard as points and dimensions grow',
    command: '/hardness',
    lessonId: 'np-hard',
  },
  {
    title: 'the depth sweep: deeper plain nets train worse',
    command: '/compare depths:1,2,4,8,16',
    lessonId: 'np-hard',
  },
  {
    title: 'vanishing gradients: the first layers barely move',
    command: '/train depth:8',
    lessonId: 'vanishing-gradients',
  },
  {
    title: 'random restarts: deep nets end in different places',
    command: '/restarts architectures:neuron,deep',
    lessonId: 'restarts',
  },
  {
    title: 'loss landscapes: deep plain surfaces are bumpy',
    command: '/landscape',
    lessonId: 'landscapes',
  },
  {
    title: 'the fixes: ReLU, He initialization and Adam flatten the trend',
    command: '/compare depths:1,2,4,8,16 activation:relu init:he optimizer:adam',
    lessonId: 'tricks',
  },
];

/** The plan step a schedule at this position posts next. */
export function planStep(position: number): { step: PlanStep; index: number } {
  const index = ((position % LESSON_PLAN.length) + LESSON_PLAN.length) % LESSON_PLAN.length;
  return { step: LESSON_PLAN[index]!, index };
}
