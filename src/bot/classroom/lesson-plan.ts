/*
 * The lesson plan: a rotating sequence of demos that tells the story in order. Each scheduled post
 * runs the next demo's command and posts its reply, introduced by the step's title. A title is
 * posted before the run, so the experiments' titles ask what the run will show instead of
 * promising it; the theorems come from the lessons, never from a run.
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
    title: 'one neuron with cross-entropy is convex: do its restarts all end at the same loss?',
    command: '/restarts architectures:neuron,neuron-mse',
    lessonId: 'convex-neuron',
  },
  {
    title: 'separating the data with one layer is a linear program: is there a line for XOR?',
    command: '/lp dataset:xor',
    lessonId: 'lp-one-layer',
  },
  {
    title: 'exact training of a 3-node network: does the solver take longer as points and dimensions grow?',
    command: '/hardness',
    lessonId: 'np-hard',
  },
  {
    title:
      'the depth sweep, an observation rather than a theorem: do deeper plain nets train worse in the same number of steps?',
    command: '/compare depths:1,2,4,8,16',
    lessonId: 'hardness-and-depth',
  },
  {
    title: 'vanishing gradients: how much gradient reaches the first layers?',
    command: '/train depth:8',
    lessonId: 'vanishing-gradients',
  },
  {
    title: 'random restarts: do deep nets end in different places?',
    command: '/restarts architectures:neuron,deep',
    lessonId: 'restarts',
  },
  {
    title: 'loss landscapes: is the deep plain surface bumpier?',
    command: '/landscape',
    lessonId: 'landscapes',
  },
  {
    title: 'the fixes: do ReLU, He initialization and Adam flatten the trend?',
    command: '/compare depths:1,2,4,8,16 activation:relu init:he optimizer:adam',
    lessonId: 'tricks',
  },
];

/** The plan step a schedule at this position posts next. */
export function planStep(position: number): { step: PlanStep; index: number } {
  const index = ((position % LESSON_PLAN.length) + LESSON_PLAN.length) % LESSON_PLAN.length;
  return { step: LESSON_PLAN[index]!, index };
}
