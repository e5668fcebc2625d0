import type { Actor } from '../platform/auth/actor.js';
import type { Db } from '../platform/database/connect.js';

/**
 * Today: the signed-in staff member's home beside the lookup. Each feature contributes a section
 * (my promises overdue or due today, customers waiting on me, my cases near or past a target,
 * keep-in-touch due, life events worth acknowledging) through a TodayProvider; src/app/today.ts
 * lists them in the order they show. A manager's sections cover their locations.
 *
 * Every item opens the customer's brief in one click (customerId) and can be dealt with in one
 * more action (`action`: the API call a button makes, e.g. mark a promise kept).
 */
export interface TodayAction {
  /** The button's words: "Mark kept", "Log a reply". */
  label: string;
  method: 'POST' | 'PATCH' | 'PUT';
  /** Under /api/v1, e.g. /promises/<id>/keep. */
  path: string;
  body?: Record<string, unknown>;
}

export interface TodayItem {
  /** Unique within the section (the promise's, case's or customer's id). */
  id: string;
  customerId: string;
  customerName: string;
  /** One line a person reads: "TV delivery, promised for 12 March: 3 days overdue". */
  title: string;
  detail: string | null;
  /** The moment that orders the section: due, waiting since, last contact, when it happened. */
  at: string;
  /** Past due, breached, waiting long: shown first and marked. */
  attention: boolean;
  action: TodayAction | null;
}

export interface TodaySection {
  key: 'promises' | 'waiting' | 'cases' | 'keep_in_touch' | 'life_events' | 'fill_in_later';
  heading: string;
  items: TodayItem[];
  /** Items beyond those listed (the section lists the most pressing first). */
  more: number;
  /** `more` is a floor: the section stopped counting there (it reads a bounded number). */
  moreAtLeast?: boolean;
}

export type TodayProvider = (db: Db, actor: Actor, now: Date) => Promise<TodaySection>;

/**
 * A figure a manager sees above the sections: "Promises kept on time: 92%". Features offer them
 * through a TodayFigureProvider (the promises feature: the on-time rate for the manager's
 * locations); src/app/today.ts lists them. Answer null when there is nothing to count yet.
 */
export interface TodayFigure {
  key: string;
  label: string;
  /** The figure as a person reads it: "92%". */
  value: string;
  /** What it counts: "23 of 25 promises due in the last 90 days, kept by the date first promised". */
  detail: string | null;
  /** Below target: shown marked. */
  attention: boolean;
}

export type TodayFigureProvider = (db: Db, actor: Actor, now: Date) => Promise<TodayFigure | null>;

/**
 * One entry of the composition root's list: the section's key (which names it when its provider
 * fails and it can only say so) and its provider.
 */
export interface TodaySource {
  key: TodaySection['key'];
  provider: TodayProvider;
}
