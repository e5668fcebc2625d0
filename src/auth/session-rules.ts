/** How long a session lives: signed out after two idle hours, and after twelve hours in any case (a shift). */
export const sessionIdleMs = 2 * 60 * 60 * 1000;
export const sessionAbsoluteMs = 12 * 60 * 60 * 1000;
/** lastSeenAt is written at most once a minute, not on every request. */
export const touchEveryMs = 60 * 1000;

export interface SessionTimes {
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

export function sessionIsLive(session: SessionTimes, now: Date): boolean {
  const t = now.getTime();
  return t < Date.parse(session.expiresAt) && t < Date.parse(session.lastSeenAt) + sessionIdleMs;
}

export const sessionNeedsTouch = (session: SessionTimes, now: Date): boolean =>
  now.getTime() - Date.parse(session.lastSeenAt) >= touchEveryMs;
