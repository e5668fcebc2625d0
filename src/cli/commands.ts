import type { Command } from 'commander';
import type { Config } from '../platform/config.js';
import { migrateToLatest, openDatabase } from '../platform/database/connect.js';
import { registerUserCommands } from './user-commands.js';
import { registerExportCommand } from './export-command.js';
import { registerSeedCommand } from './seed-command.js';
import { registerRebuildCommand } from './rebuild-command.js';
import { registerImportCommand } from './import-command.js';
import { registerMailingCommand } from './mailing-command.js';
import { registerBackupCommands } from './backup-command.js';

/** Opens the configured database for one command and always closes it. */
export async function withDatabase<T>(config: Config, work: (handle: ReturnType<typeof openDatabase>) => Promise<T>): Promise<T> {
  const handle = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(handle);
    return await work(handle);
  } finally {
    await handle.close();
  }
}

export function registerCommands(program: Command, config: () => Config): void {
  program
    .command('serve')
    .description('Run the Rapport server (API and web app)')
    // Loaded on demand: `rapport --help` and the other commands start without the web server's code.
    .action(async () => {
      const cfg = config();
      const { serve } = await import('../app/server.js');
      await serve(cfg);
    });

  program
    .command('migrate')
    .description('Bring the database schema up to date')
    .action(async () => {
      const cfg = config();
      const handle = openDatabase({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir });
      try {
        const applied = await migrateToLatest(handle);
        process.stdout.write(applied.length ? `Applied ${applied.join(', ')} to ${handle.describe}\n` : `${handle.describe} is up to date\n`);
      } finally {
        await handle.close();
      }
    });

  registerExportCommand(program, config);
  registerSeedCommand(program, config);
  registerUserCommands(program, config);
  registerRebuildCommand(program, config);
  registerImportCommand(program, config);
  registerMailingCommand(program, config);
  registerBackupCommands(program, config);
}
