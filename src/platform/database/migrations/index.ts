import type { Migration, MigrationProvider } from 'kysely';
import type { Engine } from '../engine.js';
import { initialSchema } from './0001_initial.js';
import { searchSchema } from './0002_search.js';

/** Numbered and append-only: never edit a migration that has shipped, add the next one. */
export function migrationProvider(engine: Engine): MigrationProvider {
  return {
    async getMigrations(): Promise<Record<string, Migration>> {
      return {
        '0001_initial': initialSchema(engine),
        '0002_search': searchSchema(engine),
      };
    },
  };
}
