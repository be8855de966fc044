/*
 * Who this browser is: a random client id kept in localStorage (the bot sees it as the user id)
 * and a display name the user may change. Private storage can fail (some private modes); the
 * page then still works for the session.
 */

const ID_KEY = 'depth-tutor.client';
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

/** This browser's client id, made once. */
export function clientId(): string {
  const existing = stored(ID_KEY);
  if (existing && /^[A-Za-z0-9_-]{8,64}$/.test(existing)) return existing;
  const made = crypto.randomUUID();
  store(ID_KEY, made);
  return made;
}

/** The display name, or a default made from the id. */
export function displayName(id: string): string {
  return stored(NAME_KEY) ?? `Guest ${id.slice(0, 4)}`;
}

/** Saves a new display name (trimmed, at most 40 characters); returns what was kept. */
export function saveDisplayName(name: string, id: string): string {
  const kept =
    name
      .replace(/\p{Cc}/gu, '')
      .trim()
      .slice(0, 40) || `Guest ${id.slice(0, 4)}`;
  store(NAME_KEY, kept);
  return kept;
}
