import { Command, CommanderError } from 'commander';
import { ConfigError, loadConfig } from '../platform/config.js';
import { DomainError } from '../platform/errors.js';
import { version } from '../platform/version.js';
import { registerCommands } from './commands.js';

const program = new Command()
  .name('rapport')
  .description('Rapport, the relationship-first CRM. Configure with PORT, HOST, DATA_DIR, DATABASE_URL, LOG_LEVEL.')
  .version(version, '-v, --version')
  .showHelpAfterError()
  .exitOverride();

registerCommands(program, () => loadConfig());

/** User mistakes get one plain sentence; only real bugs get a stack trace. */
function explain(error: unknown): string | null {
  if (error instanceof ConfigError) return error.message;
  if (error instanceof DomainError) return [error.detail ?? error.title, ...(error.errors ?? []).map((e) => `  ${e.path}: ${e.message}`)].join('\n');
  if (error instanceof Error && 'code' in error) {
    const code = String((error as { code: unknown }).code);
    if (code === 'ECONNREFUSED') return `Cannot reach the database: ${error.message}`;
    if (code === 'EADDRINUSE') return `The port is already in use: ${error.message}. Set PORT to another one.`;
    if (code === 'ENOENT' || code === 'EACCES') return error.message;
  }
  return null;
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  const message = explain(error);
  if (message === null) throw error;
  process.stderr.write(`rapport: ${message}\n`);
  process.exit(1);
}
