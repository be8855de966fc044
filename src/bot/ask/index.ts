export type { AskAnswer, AskSource, AskTopic, LessonSearch, SearchableLesson } from './lesson-search.js';
export { createLessonSearch } from './lesson-search.js';
export type { TopicSuggestion } from './topics.js';
export { matchTopics, topicSuggestions } from './topics.js';
