/**
 * Writes `text` to stdout and resolves once Node has handed all of it to the OS. The CLI ends
 * with process.exit, which drops whatever a full pipe has not taken yet: a --json result is
 * over 100 KB, the pipe holds 64 KB, and a slow reader (`| less`, a busy test runner) would
 * read a cut-off line.
 */
export function printOut(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(text, (error) => (error ? reject(error) : resolve()));
  });
}

/**
 * A reader that stops early (`| head`) closes the pipe, and the next write fails with EPIPE.
 * Nothing went wrong with the run, so leave quietly with 0, as a Unix filter does, instead of
 * Node's stack trace for an unhandled stream error.
 */
export function leaveQuietlyWhenReaderCloses(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}
