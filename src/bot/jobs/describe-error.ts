/** An engine failure as plain data; `done` carries it instead of rejecting. */
export function describeError(error: unknown): { name: string; message: string } {
  if (error instanceof Error) return { name: error.name, message: error.message };
  if (typeof error === 'object' && error !== null) {
    const { name, message } = error as { name?: unknown; message?: unknown };
    if (typeof message === 'string') return { name: typeof name === 'string' ? name : 'Error', message };
  }
  return { name: 'Error', message: String(error) };
}
