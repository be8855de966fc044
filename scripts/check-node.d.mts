/** A Node release line, by major and the oldest minor version tested. */
export interface NodeLine {
  major: number;
  minor: number;
}
/** The Node lines CI tests, oldest first. */
export declare const TESTED: readonly NodeLine[];
/** What to say about running on a Node version: nothing, a warning, or a refusal. */
export declare function nodeVersionVerdict(version: string): { refuse: boolean; message: string } | undefined;
