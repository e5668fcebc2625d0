import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Client, type TestApp } from '../test/app.js';

/** How we know each personal fact (provenance), over HTTP on life events, projects and notes, and what the brief makes of it. */

let t: TestApp;
let clerk: Client;
let customerId: string;

const life = async (id: string) =>
  (await clerk.get(`/api/v1/customers/${id}/brief`)).body.sections.find((s: { key: string }) => s.key === 'life').sentences as string[];

beforeAll(async () => {
  t = await testApp();
  clerk = await t.signIn('frontline');
  customerId = (await clerk.post('/api/v1/customers', { displayName: 'Maggie Chen', preferredName: 'Maggie' })).body.id;
});
afterAll(() => t.close());

const facts = [
  { path: 'life-events', entityType: 'life_event', body: { kind: 'other', title: 'Financed a car through our loan department' } },
  { path: 'projects', entityType: 'project', body: { title: 'Saving for a kitchen' } },
  { path: 'notes', entityType: 'note', body: { body: 'Pays by standing order' } },
] as const;

describe('how we know a fact', () => {
  for (const fact of facts) {
    it(`${fact.path}: defaults to "they told us", takes another, changes it with an audit row, refuses an unknown one`, async () => {
      const told = await clerk.post(`/api/v1/${fact.path}`, { customerId, ...fact.body });
      expect(told.status).toBe(201);
      expect(told.body.provenance).toBe('told_us');
      const records = await clerk.post(`/api/v1/${fact.path}`, { customerId, ...fact.body, provenance: 'our_records' });
      expect(records.body.provenance).toBe('our_records');
      expect((await clerk.get(`/api/v1/${fact.path}/${records.body.id}`)).body.provenance).toBe('our_records');

      const changed = await clerk.patch(`/api/v1/${fact.path}/${told.body.id}`, { provenance: 'other_system' });
      expect(changed.status).toBe(200);
      expect(changed.body.provenance).toBe('other_system');
      const audit = await t.database.db.selectFrom('auditEvents').select('diff').where('entityId', '=', told.body.id).where('action', '=', 'update').executeTakeFirstOrThrow();
      expect(JSON.parse(audit.diff!)).toMatchObject({ before: { provenance: 'told_us' }, after: { provenance: 'other_system' } });

      for (const bad of ['gossip', null, 3]) {
        const created = await clerk.post(`/api/v1/${fact.path}`, { customerId, ...fact.body, provenance: bad });
        expect(created.status, String(bad)).toBe(400);
        expect(created.body.errors.map((e: { path: string }) => e.path)).toContain('/body/provenance');
        expect((await clerk.patch(`/api/v1/${fact.path}/${told.body.id}`, { provenance: bad })).status).toBe(400);
      }
    });
  }
});

describe('the brief, tactfully (S2)', () => {
  it('says what she told us plainly and marks the car loan as from our records, to let her mention it', async () => {
    const { body: c } = await clerk.post('/api/v1/customers', { displayName: 'Margaret Chen', preferredName: 'Maggie' });
    await clerk.post('/api/v1/life-events', { customerId: c.id, kind: 'school_start', title: 'Her son Daniel started college', date: { year: 2026, month: 9 } });
    await clerk.post('/api/v1/life-events', { customerId: c.id, kind: 'other', title: 'Financed a car through our loan department', provenance: 'our_records' });
    await clerk.post('/api/v1/projects', { customerId: c.id, title: 'a kitchen renovation', provenance: 'other_system' });
    await clerk.post('/api/v1/projects', { customerId: c.id, title: 'her garden' });
    const sentences = await life(c.id);
    expect(sentences).toContain('Her son Daniel started college (September 2026).');
    expect(sentences).toContain('Financed a car through our loan department: from our records, let them mention it.');
    expect(sentences).toContain('Working on her garden.');
    expect(sentences).toContain('Working on a kitchen renovation: from another system, let them mention it.');

    const { body: note } = await clerk.post('/api/v1/notes', { customerId: c.id, body: 'Pays by standing order', pinned: true, provenance: 'our_records' });
    const notes = (await clerk.get(`/api/v1/customers/${c.id}/brief`)).body.sections.find((s: { key: string }) => s.key === 'notes');
    expect(notes.sentences).toEqual(['Pays by standing order (from our records, let them mention it)']);
    // The timeline carries how we know, so that it can say so too.
    const timeline = (await clerk.get(`/api/v1/customers/${c.id}/timeline`)).body.items as { title: string; provenance?: string }[];
    expect(timeline.map((i) => [i.title, i.provenance])).toEqual(
      expect.arrayContaining([
        ['Life event: Financed a car through our loan department', 'our_records'],
        ['Life event: Her son Daniel started college (September 2026)', 'told_us'],
        ['Note: Pays by standing order', 'our_records'],
      ]),
    );
    await clerk.patch(`/api/v1/notes/${note.id}`, { provenance: 'told_us' });
    expect((await clerk.get(`/api/v1/customers/${c.id}/brief`)).body.sections.find((s: { key: string }) => s.key === 'notes').sentences).toEqual(['Pays by standing order']);
  });
});
