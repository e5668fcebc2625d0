import fs from 'node:fs';
import path from 'node:path';

/**
 * What bench/scale-data.ts tells the benchmarks about the database it made: who can sign in, which
 * customers are ordinary and which very busy, and how fast it loaded. Written beside the database
 * (`<file>.scale.json` for SQLite, `bench/results/<database name>.scale.json` for PostgreSQL) so that
 * a benchmark run can reuse a database made earlier without generating it again.
 */
export interface ScaleManifest {
  engine: 'sqlite' | 'postgres';
  /** The SQLite file or the PostgreSQL URL the manifest describes. */
  where: string;
  seed: number;
  customers: number;
  generatedAt: string;
  /** Every generated staff member signs in with this password. */
  password: string;
  staff: {
    /** Works at one location and owns promises, cases and waiting conversations there. */
    frontline: string;
    /** Manager of one location. */
    manager: string;
    /** Manager of three locations. */
    managerOfThree: string;
    admin: string;
  };
  /** A sample of ordinary people (a handful to a few dozen interactions each), in a seeded order. */
  ordinaryCustomerIds: string[];
  /** The very busy customers (10,000 interactions or more at full scale). */
  busyCustomerIds: string[];
  /** Names as stored, of a sample of customers, for lookups. */
  sampleNames: string[];
  locationIds: string[];
  /** Rows written per table, and the whole load's time (the bulk path, indexes included). */
  load: {
    rows: Record<string, number>;
    seconds: number;
    rowsPerSecond: number;
    /** Seconds of each phase of the load (bench/scale-data.ts), and the generator's own CPU time (user + system). */
    phases?: Record<string, number>;
    cpuSeconds?: number;
  };
}

export const manifestFileFor = (target: { file?: string; url?: string }): string => {
  if (target.file) return `${target.file}.scale.json`;
  const name = new URL(target.url!).pathname.replace(/^\//, '') || 'postgres';
  return path.join('bench', 'results', `${name}.scale.json`);
};

export const writeManifest = (target: { file?: string; url?: string }, manifest: ScaleManifest): void => {
  const file = manifestFileFor(target);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(manifest, null, 2));
};

export const readManifest = (target: { file?: string; url?: string }): ScaleManifest => {
  const file = manifestFileFor(target);
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: make the database with bench/scale-data.ts first`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as ScaleManifest;
};
