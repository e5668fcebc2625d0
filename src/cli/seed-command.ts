import type { Command } from 'commander';
import { ConfigError, type Config } from '../platform/config.js';
import { withDatabase } from './commands.js';

/** `rapport seed-demo`: the demo world built around the product scenarios S1-S8. */
export function registerSeedCommand(program: Command, config: () => Config): void {
  program
    .command('seed-demo')
    .description('Fill the database with about 200 demo customers, staff and locations (the product scenarios S1-S8)')
    .option('--password <password>', 'password for every demo staff account (at least 10 characters)')
    .option('--force', 'add the demo data even though the database already has customers')
    .option('--seed <number>', 'seed for the random generator (same seed, same people)', '1')
    .action(async (options: { password?: string; force?: boolean; seed: string }) => {
      const cfg = config();
      const seed = Number(options.seed);
      if (!Number.isInteger(seed)) throw new ConfigError(`--seed must be a whole number, not "${options.seed}"`);
      if (options.password !== undefined && options.password.length < 10) throw new ConfigError('--password must be at least 10 characters');
      const { defaultDemoPassword, seedDemo } = await import('../demo/seed-demo.js');
      await withDatabase(cfg, async ({ db, describe }) => {
        const summary = await seedDemo(db, {
          password: options.password ?? defaultDemoPassword,
          force: options.force ?? false,
          seed,
          phoneRegion: cfg.phoneRegion,
        });
        const lines = [
          `Seeded the demo into ${describe}:`,
          ...Object.entries(summary.counts).map(([what, n]) => `  ${String(n).padStart(5)} ${what}`),
          '',
          'Sign in as any of these staff accounts:',
          ...summary.staff.map((s) => `  ${s.email.padEnd(28)} ${s.role.padEnd(9)} ${s.name} (${s.job})`),
          options.password ? 'with the password you gave.' : `with the password: ${defaultDemoPassword}`,
          '',
          `Try searching for "jim", "jmi" or ${summary.jimPhone}.`,
        ];
        process.stdout.write(`${lines.join('\n')}\n`);
      });
    });
}

