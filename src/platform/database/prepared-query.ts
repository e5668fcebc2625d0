import { PostgresAdapter, createQueryId, type CompiledQuery, type Compilable } from 'kysely';
import type { Db } from './connect.js';

/**
 * Statements built once and run many times.
 *
 * Building a statement with Kysely (its immutable nodes, the camel-case plugin's pass, the compiler)
 * took a quarter of a brief's time at a million customers, more than SQLite took to run most of its
 * statements (bench/hot-paths.ts). A prepared query is built once per engine and shape, with markers
 * where its parameters go; each run puts the values where the markers are and runs the SQL as it is.
 *
 * The rule for a builder: a parameter is a value the SQL carries, never something it branches on,
 * computes with or lists in the SQL text. An array parameter is fine (`in (...)`): its length is part
 * of the shape. Whatever else changes the SQL (a reader's role) is the `shape`, a string. Under the
 * test runner every run also builds the statement from the real values and throws if the two differ,
 * so a builder that breaks the rule fails its tests rather than running someone else's SQL.
 */
export type ParameterValue = string | number | boolean | null;
export type Parameters = Record<string, ParameterValue | readonly ParameterValue[]>;

export interface PreparedQuery<P extends Parameters, O> {
  execute(db: Db, params: P, shape?: string): Promise<O[]>;
  executeTakeFirst(db: Db, params: P, shape?: string): Promise<O | undefined>;
}

type Slot = { constant: unknown } | { name: string; index: number | null };

interface Template {
  compiled: CompiledQuery;
  slots: Slot[];
}

const mark = '\u0000rapport:';
const verifying = Boolean(process.env.VITEST);

/**
 * The SQL of every prepared query built so far: a known, bounded set, which PostgreSQL connections
 * keep parsed as named statements (connect.ts) instead of parsing and planning them at each run.
 */
const preparedTexts = new Set<string>();
export const isPreparedText = (sql: string): boolean => preparedTexts.has(sql);

/**
 * Marks a statement built elsewhere as one of that set: for a statement whose text never changes,
 * its values all parameters (the lookup's PostgreSQL probe, which passes arrays).
 */
export const keepParsed = (sql: string): void => {
  preparedTexts.add(sql);
};

export function preparedQuery<P extends Parameters, O>(build: (db: Db, params: P, shape: string) => Compilable<O>): PreparedQuery<P, O> {
  const templates = new Map<string, Template>();

  const templateOf = (db: Db, params: P, shape: string): Template => {
    const engine = db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
    let key = `${engine}|${shape}`;
    for (const name in params) {
      const value = params[name];
      if (Array.isArray(value)) key += `|${name}:${value.length}`;
    }
    const known = templates.get(key);
    if (known) return known;
    const markers: Record<string, string | string[]> = {};
    for (const name in params) {
      const value = params[name];
      markers[name] = Array.isArray(value) ? value.map((_, i) => `${mark}${name}:${i}`) : `${mark}${name}`;
    }
    const compiled = build(db, markers as unknown as P, shape).compile();
    const slots = compiled.parameters.map((p): Slot => {
      if (typeof p !== 'string' || !p.startsWith(mark)) return { constant: p };
      const [name, index] = p.slice(mark.length).split(':') as [string, string | undefined];
      return { name, index: index === undefined ? null : Number(index) };
    });
    const template = { compiled, slots };
    templates.set(key, template);
    preparedTexts.add(compiled.sql);
    return template;
  };

  const execute = async (db: Db, params: P, shape = ''): Promise<O[]> => {
    const { compiled, slots } = templateOf(db, params, shape);
    const parameters = slots.map((slot) => {
      if ('constant' in slot) return slot.constant;
      const value = params[slot.name] as ParameterValue | readonly ParameterValue[];
      return slot.index === null ? value : (value as readonly ParameterValue[])[slot.index];
    });
    if (verifying) verify(build(db, params, shape).compile(), compiled.sql, parameters);
    const result = await db.executeQuery<O>({ ...compiled, queryId: createQueryId(), parameters });
    return result.rows;
  };

  return {
    execute,
    executeTakeFirst: async (db, params, shape) => (await execute(db, params, shape))[0],
  };
}

function verify(fresh: CompiledQuery, sql: string, parameters: unknown[]) {
  const same = fresh.sql === sql && fresh.parameters.length === parameters.length && fresh.parameters.every((p, i) => p === parameters[i]);
  if (!same) {
    throw new Error(
      `A prepared query's SQL depends on more than its shape and parameters (see prepared-query.ts):\n` +
        `built now: ${fresh.sql} ${JSON.stringify(fresh.parameters)}\nprepared:  ${sql} ${JSON.stringify(parameters)}`,
    );
  }
}
