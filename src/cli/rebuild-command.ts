import type { Command } from 'commander';
import { ConfigError, type Config } from '../platform/config.js';
import { withDatabase } from './commands.js';

const targets = ['contact-state', 'search'] as const;
type Target = (typeof targets)[number];

/**
 * `rapport rebuild [what]`: recomputes derived tables from the records they are made of, a batch
 * per transaction, safe while the server runs: the contact state (who waits for an answer, who is
 * due a contact) and the lookup index. Without an argument, both.
 */
export function registerRebuildCommand(program: Command, config: () => Config): void {
  program
    .command('rebuild')
    .argument('[what]', `${targets.join(' or ')}; both when left out`)
    .description('Recompute derived data from the records: the waiting and keep-in-touch state, and the lookup index')
    .action(async (what: string | undefined) => {
      const cfg = config();
      if (what !== undefined && !targets.includes(what as Target)) throw new ConfigError(`rebuild what? ${targets.join(' or ')}, not "${what}"`);
      const chosen = what ? [what as Target] : [...targets];
      await withDatabase(cfg, async ({ db, describe }) => {
        for (const target of chosen) {
          const started = Date.now();
          let computed = 0;
          if (target === 'contact-state') {
            const { rebuildContactStates } = await import('../contact-state/contact-state-store.js');
            computed = (await rebuildContactStates(db, { onBatch: (done) => done % 50_000 === 0 && process.stderr.write(`  ${done} customers…\n`) })).computed;
          } else {
            const { rebuildSearchIndex } = await import('../search/search-indexer.js');
            computed = await rebuildSearchIndex(db);
          }
          process.stdout.write(`Rebuilt the ${target === 'search' ? 'lookup index' : 'contact state'} of ${computed} customers in ${describe} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
        }
      });
    });
}
