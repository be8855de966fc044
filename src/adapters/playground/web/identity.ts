import type { WireSession } from './wire.js';

/*
 * Who this browser is. The credential is an HttpOnly cookie the server sets and this script
 * cannot read; the page only learns its public id (to mark its own messages) from /api/session.
 * The display name is the user's choice, kept in localStorage; private storage can fail (some
 * private modes), and the page then still works for the session.
 */

const NAME_KEY = 'depth-tutor.name';

function stored(key: string): string | undefined {
  try {
    return localStorage.getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
}

function store(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Nothing to do: the value lives for this page only.
  }
}

/** Asks the server who this browser is (it sets the session cookie the first time), retrying until it answers. */
export async function fetchSession(onWaiting: () => void): Promise<WireSession> {
  for (;;) {
    try {
      const response = await fetch('/api/session');
      if (response.ok) return (await response.json()) as WireSession;
    } catch {
      // The server is not up yet: try again shortly.
    }
    onWaiting();
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

/** A default name from the public id (its first characters after the prefix). */
const guestName = (id: string) => `Guest ${id.replace(/^u-/, '').slice(0, 4)}`;

/** The display name, or a default made from the id. */
export function displayName(id: string): string {
  return stored(NAME_KEY) ?? guestName(id);
}

/** Saves a new display name (trimmed, at most 40 characters); returns what was kept. */
export function saveDisplayName(name: string, id: string): string {
  const kept =
    // As the server cleans it (bodies.ts): no control or format characters, single spaces.
    name
      .replace(/[\p{Cc}\p{Cf}]/gu, '')
      .replace(/\s+/gu, ' ')
      .trim()
      .slice(0, 40) || guestName(id);
  store(NAME_KEY, kept);
  return kept;
}
