/**
 * The database cannot be used as it is: corrupt, unwritable, or written by a newer version. The
 * message names the file and what to do; the store never deletes or recreates an existing file.
 */
export class StoreError extends Error {
  override name = 'StoreError';
  constructor(
    readonly path: string,
    problem: string,
    readonly hint: string,
    options?: { cause?: unknown },
  ) {
    super(`database ${path} ${problem}. ${hint}`, options);
  }
}
