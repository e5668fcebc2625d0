import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { keepFileWarm, warmFileOnce, warmth } from './search-warmth.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-warmth-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('keeping the database file in the page cache', () => {
  it('reads the whole file and its write-ahead log through, in chunks', async () => {
    const file = path.join(dir, 'rapport.sqlite');
    fs.writeFileSync(file, Buffer.alloc(warmth.chunkBytes * 2 + 123, 7));
    expect(await warmFileOnce(file)).toBe(warmth.chunkBytes * 2 + 123);
    fs.writeFileSync(`${file}-wal`, Buffer.alloc(1000, 1));
    expect(await warmFileOnce(file)).toBe(warmth.chunkBytes * 2 + 123 + 1000);
  });

  it('reads nothing of a file that is not there, and stops between chunks when asked', async () => {
    expect(await warmFileOnce(path.join(dir, 'missing.sqlite'))).toBe(0);
    const file = path.join(dir, 'big.sqlite');
    fs.writeFileSync(file, Buffer.alloc(warmth.chunkBytes * 3, 1));
    let chunks = 0;
    expect(await warmFileOnce(file, () => ++chunks > 1)).toBe(warmth.chunkBytes);
  });

  it('passes again and again until stopped, and stops cleanly', async () => {
    const file = path.join(dir, 'again.sqlite');
    fs.writeFileSync(file, Buffer.alloc(10, 1));
    const errors: unknown[] = [];
    const kept = keepFileWarm(file, (e) => errors.push(e), 1);
    await kept.stop();
    expect(errors).toEqual([]);
  });
});
