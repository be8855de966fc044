/** The tutor's lesson topics, in the order they tell the story. */
export const LESSON_IDS = [
  'convex-neuron',
  'lp-one-layer',
  'np-hard',
  'hardness-and-depth',
  'consequence',
  'capacity',
  'vanishing-gradients',
  'step-size',
  'degradation',
  'restarts',
  'landscapes',
  'tricks',
  'history',
  'signal-propagation',
] as const;

/** One lesson topic id, e.g. 'vanishing-gradients'. */
export type LessonId = (typeof LESSON_IDS)[number];

/** One of the tutor's lesson notes: short enough for one chat message. */
export interface Lesson {
  id: LessonId;
  title: string;
  /** One line, for topic lists. */
  summary: string;
  /** A few short paragraphs of light markdown (bold, italics, bullets), separated by blank lines. */
  body: string;
  /** Full references of the works the lesson relies on. */
  citations: readonly string[];
  /** The command a student runs to see the lesson happen, e.g. `/lp dataset:xor`. */
  command: string;
}

/** A work the lessons cite. */
export interface Source {
  /** Short key, e.g. 'glorot2010'. */
  key: string;
  /** How the lessons name it in running text, e.g. "Glorot & Bengio (2010)". */
  short: string;
  /** The full reference. */
  reference: string;
}
