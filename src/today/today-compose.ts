import type { Actor } from '../platform/auth/actor.js';
import type { Db } from '../platform/database/connect.js';
import { getsFigures, pressingFirst, scopeWords, sectionHeadings, sectionProblem, todayScope } from './today-rules.js';
import type { TodayOut } from './today-schemas.js';
import type { TodayFigure, TodayFigureProvider, TodaySource } from './today-section.js';

/** What the Today page is made of: the composition root's lists (src/app/today.ts). */
export interface TodayComposition {
  /** In the order they show. */
  sections: readonly TodaySource[];
  /** For managers, above the sections (the on-time rate of promises). */
  figures: readonly TodayFigureProvider[];
  /** A provider slower than this counts as failed, so one slow list cannot hold up the page. */
  timeoutMs?: number;
}

/** Where a failing provider is reported (the request's logger). */
export interface TodayLog {
  error(details: object, message: string): void;
}

const defaultTimeoutMs = 5_000;

function within<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/**
 * The staff member's Today: every provider asked at once; one that fails (or is too slow) leaves
 * its section saying it could not be loaded, logged as an error, and the rest of the page stands.
 */
export async function composeToday(db: Db, actor: Actor, now: Date, composition: TodayComposition, log: TodayLog): Promise<TodayOut> {
  const timeoutMs = composition.timeoutMs ?? defaultTimeoutMs;
  const scope = todayScope(actor);

  const sections = Promise.all(
    composition.sections.map(async ({ key, provider }): Promise<TodayOut['sections'][number]> => {
      try {
        const section = await within(provider(db, actor, now), timeoutMs, `The Today section ${key}`);
        return { ...section, items: pressingFirst(section.items), moreAtLeast: section.moreAtLeast ?? false, status: 'ok', problem: null };
      } catch (err) {
        log.error({ err, section: key, staffId: actor.staffId }, `Today: the section ${key} could not be loaded`);
        return { key, heading: sectionHeadings[key], items: [], more: 0, moreAtLeast: false, status: 'failed', problem: sectionProblem };
      }
    }),
  );

  const figures = Promise.all(
    (getsFigures(actor) ? composition.figures : []).map(async (provider, index): Promise<TodayFigure | null> => {
      try {
        return await within(provider(db, actor, now), timeoutMs, 'A Today figure');
      } catch (err) {
        // A figure that cannot be worked out is left out; the lists matter more.
        log.error({ err, figure: index, staffId: actor.staffId }, 'Today: a figure could not be worked out');
        return null;
      }
    }),
  );

  return {
    at: now.toISOString(),
    scope: { kind: scope.kind, locationIds: scope.locationIds, description: scopeWords(scope) },
    figures: (await figures).filter((f): f is TodayFigure => f !== null),
    sections: await sections,
  };
}
