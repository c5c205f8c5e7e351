/**
 * The signed-in editor of this tab. The token lives in sessionStorage only: never localStorage or a
 * cookie, so it leaves with the tab and is never sent by the browser on its own.
 */
export interface EditorSession {
  token: string;
  /** The code of the city the token may edit, and that city's GraphQL type (its mutation namespace). */
  municipality: string;
  cityType: string;
  /** The editor's name as the API records it, known after the first change (a revision's author). */
  author: string | null;
}

const KEY = 'kyodo-hub-editor';

export function currentSession(): EditorSession | null {
  const stored = sessionStorage.getItem(KEY);
  if (!stored) return null;
  try {
    return JSON.parse(stored) as EditorSession;
  } catch {
    sessionStorage.removeItem(KEY);
    return null;
  }
}

export function saveSession(session: EditorSession): void {
  sessionStorage.setItem(KEY, JSON.stringify(session));
}

export function endSession(): void {
  sessionStorage.removeItem(KEY);
}
