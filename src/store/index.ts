export { StoreError } from './errors.js';
export { MIGRATIONS, type Migration, SCHEMA_VERSION } from './migrations.js';
export { openStore, type Store, type StoreOptions } from './open-store.js';
export type { PostRow, PostStatus } from './posts.js';
export type { VoteOutcome, VoteRow } from './quiz-votes.js';
export type { NewQuiz, QuizChoice, QuizRow, QuizStatus } from './quizzes.js';
export type { NewRun, RunRow } from './runs.js';
export type { NewSchedule, PostKind, ScheduleRow } from './schedules.js';
export {
  NO_SETTINGS,
  type ScopeKind,
  type Settings,
  type SettingsPatch,
  type SettingsRow,
} from './settings.js';
