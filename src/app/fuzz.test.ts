import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Client, type Response, type TestApp } from '../test/app.js';

/**
 * Hostile input against every operation the OpenAPI document lists (whatever routes exist when
 * the test runs, not a fixed list): wrong types, missing and extra fields, huge strings, deep
 * nesting, odd unicode, NUL, numbers out of range, path ids that are not ids, bad query values,
 * wrong content types, broken JSON. Signed in as an admin, so access is never the reason for a refusal.
 *
 * Asserted for every answer: never a 5xx; every 4xx is problem+json whose `status` is the HTTP
 * status, with a type, a title and a detail; and a refused write changed nothing (row counts of
 * every table, and the customer the requests aim at, are the same before and after).
 *
 * Bounded: the inputs come from fast-check with a fixed seed per operation (the same inputs for an
 * operation however many others exist), a handful of kinds per operation, a few hundred requests in all.
 */

type Schema = Record<string, any>;
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: Schema;
}
interface Operation {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  parameters: Parameter[];
  body: Schema | undefined;
}
interface Case {
  kind: string;
  url: string;
  /** The raw request body, as sent. */
  payload?: string;
  /** Undefined sends no Content-Type header at all. */
  contentType?: string;
}

/** A longer or different run, by hand: RAPPORT_FUZZ_SCALE=20 RAPPORT_FUZZ_SEED=7 npx vitest run src/app/fuzz.test.ts */
const seed = Number(process.env.RAPPORT_FUZZ_SEED ?? 20_250_807);
const scale = Math.max(1, Number(process.env.RAPPORT_FUZZ_SCALE ?? 1));
const unknownId = '01900000-0000-7000-8000-00000000abcd';

let t: TestApp;
let admin: Client;
let operations: Operation[];
/** The customer the requests aim at; remade if a request that was allowed through removed it. */
let target: string;
/** Ids of records that exist, made afresh for each operation, so that writes get past "not found" to the rules. */
let existing: Record<string, string> = {};
let emails = 0;
let countRows: () => Promise<unknown>;

beforeAll(async () => {
  t = await testApp();
  admin = await t.signIn('admin');
  const doc = (await t.anonymous.get('/api/openapi.json')).body as { paths: Record<string, Record<string, Schema>> };
  operations = Object.entries(doc.paths)
    .flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => ['get', 'post', 'patch', 'put', 'delete'].includes(method))
        .map(([method, op]) => ({
          method: method.toUpperCase() as Operation['method'],
          path,
          parameters: (op.parameters ?? []) as Parameter[],
          body: op.requestBody?.content?.['application/json']?.schema as Schema | undefined,
        })),
    )
    // Signing out ends the fuzzing admin's session: last.
    .sort((a, b) => Number(a.path.endsWith('/logout')) - Number(b.path.endsWith('/logout')));
  target = await newTarget();
  countRows = await rowCounter();
});
afterAll(() => t.close());

async function newTarget(): Promise<string> {
  const created = await admin.post('/api/v1/customers', { displayName: 'Fuzz Target', emails: [{ address: 'target@example.org' }] });
  if (created.status !== 201) throw new Error(`could not create the target customer: ${JSON.stringify(created.body)}`);
  return created.body.id as string;
}

/**
 * One query that counts the rows of every table of this test's database. Sign-in failures and
 * sessions are left out: refusing a sign-in records the failure, and every request touches its session.
 */
async function rowCounter(): Promise<() => Promise<unknown>> {
  const db = t.database.db;
  const schema = t.database.engine === 'postgres' ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]!.s : undefined;
  const names = (await db.introspection.getTables())
    .filter((table) => !table.isView && (schema === undefined || table.schema === schema))
    .map((table) => table.name)
    .filter((name) => !/^kysely_|^login_failures$|^sessions$/.test(name));
  const query = `select ${names.map((name, i) => `(select count(*) from "${name.replaceAll('"', '""')}") as c${i}`).join(', ')}`;
  return async () => (await sql.raw(query).execute(db)).rows[0];
}

// ---------------------------------------------------------------------------------------------
// Valid values, from a schema: the baseline a hostile case changes one thing of.

function sampleString(schema: Schema, name: string): string {
  if (schema.format === 'uuid') return /customerId$/i.test(name) ? target : unknownId;
  if (schema.format === 'date-time') return new Date().toISOString();
  if (schema.format === 'date') return '2024-05-01';
  if (schema.format === 'email' || /email/i.test(name)) return `fuzz${++emails}@example.org`;
  if (schema.pattern) {
    const pattern = new RegExp(schema.pattern as string, 'u');
    const found = ['USD', 'en', '2024-05-01', '12:30', '2024-05', '--05-01', 'abc', 'a', '1', 'x1', 'Europe/London'].find((c) => pattern.test(c));
    if (found) return found;
  }
  const length = Math.max(1, Math.min((schema.minLength as number | undefined) ?? 1, 50));
  return 'Fuzz value'.padEnd(length, 'x').slice(0, Math.max(length, Math.min(10, schema.maxLength ?? 10)));
}

function sampleValid(schema: Schema | undefined, name = ''): unknown {
  if (!schema || typeof schema !== 'object') return null;
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const branches = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (branches) return sampleValid(branches.find((b) => b.type !== 'null') ?? branches[0], name);
  if (schema.allOf) return Object.assign({}, ...(schema.allOf as Schema[]).map((s) => sampleValid(s, name)));
  const type = Array.isArray(schema.type) ? schema.type.find((x: string) => x !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of (schema.required as string[] | undefined) ?? []) out[key] = sampleValid(schema.properties?.[key], key);
      return out;
    }
    case 'array':
      return Array.from({ length: (schema.minItems as number | undefined) ?? 0 }, () => sampleValid(schema.items, name));
    case 'string':
      return sampleString(schema, name);
    case 'integer':
    case 'number':
      return schema.minimum ?? (schema.exclusiveMinimum !== undefined ? Math.floor(schema.exclusiveMinimum) + 1 : 1);
    case 'boolean':
      return true;
    default:
      return null;
  }
}

/** The object schema under anyOf/oneOf, if there is one. */
function objectSchema(schema: Schema | undefined): Schema | undefined {
  if (!schema) return undefined;
  if (schema.type === 'object' || schema.properties) return schema;
  const branches = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  return branches?.map(objectSchema).find(Boolean);
}

/** Where a hostile value can go: every property, and one level into objects and arrays of objects. */
function fieldPaths(schema: Schema | undefined): string[][] {
  const object = objectSchema(schema);
  if (!object?.properties) return [];
  const paths: string[][] = [];
  for (const [key, child] of Object.entries(object.properties as Record<string, Schema>)) {
    paths.push([key]);
    const inner = objectSchema(child) ?? objectSchema(child.items as Schema | undefined);
    for (const sub of Object.keys(inner?.properties ?? {})) paths.push(child.type === 'array' ? [key, '0', sub] : [key, sub]);
  }
  return paths;
}

/** Sets `value` at `path` in a copy of `body`, making the containers on the way from the schema. */
function setAt(body: unknown, schema: Schema | undefined, path: string[], value: unknown): unknown {
  if (!path.length) return value;
  const [head, ...rest] = path as [string, ...string[]];
  if (head === '0') {
    const list = Array.isArray(body) && body.length ? [...body] : [sampleValid(schema?.items)];
    list[0] = setAt(list[0], schema?.items, rest, value);
    return list;
  }
  const object = objectSchema(schema);
  const copy: Record<string, unknown> = body && typeof body === 'object' && !Array.isArray(body) ? { ...(body as object) } : {};
  const child = object?.properties?.[head] as Schema | undefined;
  const current = head in copy ? copy[head] : rest.length ? sampleValid(child, head) : undefined;
  Object.defineProperty(copy, head, { value: setAt(current, child, rest, value), enumerable: true, writable: true, configurable: true });
  return copy;
}

/**
 * Values the schema accepts, at its edges: the longest strings (in emoji too), whitespace, odd
 * unicode, the largest and smallest numbers, the first and last days, full arrays. What the
 * schema lets through must then be stored, or refused with a 4xx by the rules, never a 500.
 */
function edgeValue(schema: Schema | undefined, name: string, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || typeof schema !== 'object') return fc.constant(null);
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  const branches = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (branches) return fc.oneof(...branches.map((b) => edgeValue(b, name, depth)));
  const type = Array.isArray(schema.type) ? schema.type.find((x: string) => x !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      const required = new Set((schema.required as string[] | undefined) ?? []);
      if (depth > 2) return fc.constant(sampleValid(schema, name));
      return fc.record(
        Object.fromEntries(Object.entries(properties).map(([key, child]) => [key, edgeValue(child, key, depth + 1)])),
        { requiredKeys: [...required].filter((key) => key in properties) },
      );
    }
    case 'array': {
      const most = Math.min((schema.maxItems as number | undefined) ?? 5, 25);
      return fc.array(edgeValue(schema.items, name, depth + 1), { minLength: (schema.minItems as number | undefined) ?? 0, maxLength: most });
    }
    case 'string': {
      if (schema.format === 'uuid') return fc.constantFrom(sampleString(schema, name), unknownId, target, '01900000-0000-7000-8000-000000000000');
      if (schema.format === 'date-time') return fc.constantFrom('0001-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z', '2024-02-29T12:00:00+14:00', '1970-01-01T00:00:00-12:00', '2000-01-01T00:00:00.123456789Z');
      if (schema.format === 'date') return fc.constantFrom('0001-01-01', '9999-12-31', '2024-02-29', '1900-02-28');
      if (schema.format === 'email' || /email/i.test(name)) {
        return fc.oneof(
          fc.nat().map((n) => `edge${n}@example.org`),
          fc.constantFrom(`${'x'.repeat(64)}@${'y'.repeat(200)}.org`, 'Ünï@exämple.org', 'a@b', '"quoted@local"@example.org', 'x@[127.0.0.1]'),
        );
      }
      if (schema.format || schema.pattern) return fc.constant(sampleString(schema, name));
      const min = (schema.minLength as number | undefined) ?? 0;
      const max = Math.min((schema.maxLength as number | undefined) ?? 5000, 100_000);
      return fc.oneof(
        fc.constantFrom('x'.repeat(max), '😀'.repeat(max), 'é'.repeat(max), ' '.repeat(Math.max(min, 1)), '\t\n'.padEnd(Math.max(min, 2), ' ')),
        fc.constantFrom(...oddUnicode.filter((u) => [...u].length >= min && [...u].length <= max && !u.includes('\u0000'))),
        fc.string({ unit: 'grapheme', minLength: min, maxLength: Math.min(max, 40) }),
      );
    }
    case 'integer':
    case 'number': {
      const low = (schema.minimum as number | undefined) ?? (schema.exclusiveMinimum !== undefined ? (schema.exclusiveMinimum as number) + 0.001 : -Number.MAX_SAFE_INTEGER);
      const high = (schema.maximum as number | undefined) ?? (schema.exclusiveMaximum !== undefined ? (schema.exclusiveMaximum as number) - 0.001 : Number.MAX_SAFE_INTEGER);
      const whole = type === 'integer';
      const edges = [low, high, whole ? Math.ceil(low) : low, whole ? Math.floor(high) : high, whole ? Math.floor((low + high) / 2) : 1.0005].filter((n) => n >= low && n <= high);
      return fc.constantFrom(...edges.map((n) => (whole ? Math.trunc(n) : n)));
    }
    case 'boolean':
      return fc.boolean();
    default:
      return fc.constant(null);
  }
}

// ---------------------------------------------------------------------------------------------
// Hostile values.

/** JSON.stringify writes this as a string; `serialize` swaps it for nesting that deep. */
const deep = (levels: number) => `\u0001deep:${levels}\u0001`;
const serialize = (value: unknown): string =>
  JSON.stringify(value).replace(/"\\u0001deep:(\d+)\\u0001"/g, (_, n: string) => '['.repeat(Number(n)) + ']'.repeat(Number(n)));

const oddUnicode = [
  '\u0000', 'a\u0000b', '\uD800', 'x\uDFFFy', '\u202Eevil', '\u200B', 'e\u0301', '\uFEFF', '😀', '👩‍👩‍👧‍👦', '𝕏𝔸', 'ﷺ', '\u0085',
  '\r\n', '\t', ' ', '   ', 'İı', 'ß', '\u{10FFFF}', '\uFFFE', 'Z̤̲̹̈́͊a̸l̙g̯o', '٠١٢', 'null', 'undefined', "'; drop table customers;--", '${7*7}', '<script>x</script>', '%s%n', '../../etc/passwd',
];
const outOfRange = [
  Number.MAX_SAFE_INTEGER + 2, -Number.MAX_SAFE_INTEGER - 2, 1e308, -1e308, 5e-324, -0, 2 ** 31, 2 ** 63, -(2 ** 31) - 1, -1, 0, 0.5, 1e21,
];
const badDates = ['not a date', '2024-02-30', '2024-13-01', '9999-99-99T99:99:99Z', '0000-01-01T00:00:00Z', '+275760-09-13T00:00:00.000Z', '2024-05-01T25:00:00', '1969-12-31T23:59:59.999-24:00', ''];
const badIds = ['not-an-id', '00000000-0000-0000-0000-000000000000', unknownId.toUpperCase(), `${unknownId}\u0000`, '01900000-0000-7000-8000-00000000000g', ''];

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.constantFrom<unknown>(0, 1.5, true, null, [], {}, '', '0', 'true', [null], { a: 1 }, ['x', 'y']), weight: 3 },
  { arbitrary: fc.integer({ min: 10_000, max: 200_000 }).chain((n) => fc.constantFrom('x'.repeat(n), '😀'.repeat(n / 2), 'é'.repeat(n))), weight: 2 },
  { arbitrary: fc.constantFrom(...oddUnicode), weight: 3 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 30 }), weight: 2 },
  { arbitrary: fc.constantFrom(...outOfRange), weight: 3 },
  { arbitrary: fc.constantFrom(deep(65), deep(500), deep(50_000)), weight: 1 },
  { arbitrary: fc.constantFrom(...badDates, ...badIds), weight: 2 },
  { arbitrary: fc.array(fc.constantFrom<unknown>(1, 'x', null, {}), { minLength: 21, maxLength: 600 }), weight: 1 },
);

const hostileKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'zzz', '', 'a'.repeat(300), '\u0000', '$where', 'id', 'createdBy', 'deletedAt');

/** Raw query values, as they go on the wire (already percent-encoded, or deliberately not). */
const hostileQueryValue = fc.oneof(
  fc.constantFrom('', 'abc', '-1', '0', '1e309', '99999999999999999999999', '1.5', 'NaN', 'true', 'null', '[]', '{}'),
  fc.constantFrom('%00', 'a%00b', '%E0%A4%A', '%ED%A0%80', '%F0%9F%98%80', '%C0%AF', '%27%3B--', '%FF', '+', '%2B', '2024-13-45', 'not-an-id'),
  fc.integer({ min: 201, max: 8000 }).map((n) => 'x'.repeat(n)),
  // Cursors that decode, but to something no endpoint gave out.
  fc
    .constantFrom<unknown>(['\u0000'], ['x', '\u0000'], ['not a date', 'x'], [1e308, 'x'], ['x', 'y', 'z'], [{}], 'x', [null, null], [-1, -1], ['2024-05-01T00:00:00.000Z', 'not-an-id'], ['\uD800', 1])
    .map((key) => Buffer.from(JSON.stringify(key)).toString('base64url')),
);

/** Raw path segments that are not ids. */
const hostileSegment = fc.constantFrom(
  'not-an-id', '0', '-1', '00000000-0000-0000-0000-000000000000', unknownId.toUpperCase(), '%00', 'a%00b', '%20', '..', '%2e%2e', '%2F', '%2Fetc%2Fpasswd',
  'x'.repeat(101), 'x'.repeat(2000), '%E0%A4%A', '%F0%9F%98%80', '%ED%A0%80', '01900000-0000-7000-8000-00000000000g', "1'%20OR%20'1'%3D'1", '%7B%7D', 'null',
);

const wrongContentType = fc.constantFrom<string | undefined>(
  undefined, 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/jsonx',
  'application/json-patch+json', 'text/json', 'application/json; charset=utf-16', 'application/*', '*/*', '',
);

const brokenJson = fc.constantFrom(
  '{', '{"a":}', 'nul', '\u0000', "{'a':1}", '[1,]', '{"a":1}{"b":2}', '', ' ', '\uFEFF{}', '{"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"isAdmin":true}}}', '1e999999', '"\\ud800"', '{"a":"\\u0000"}', '{"a":1,"a":2}', '[]', '"just a string"', '42', 'true', 'null',
);

// ---------------------------------------------------------------------------------------------
// Requests.

function urlOf(op: Operation, segments: Record<string, string> = {}, query: string[] | undefined = undefined): string {
  const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    if (name in segments) return segments[name]!;
    if (name in existing) return existing[name]!;
    // A customer's own path aims at the target, so that a body that got through would change it.
    if (name === 'id' && op.path.startsWith('/api/v1/customers/{id}')) return target;
    if (/customerId$/i.test(name)) return target;
    return unknownId;
  });
  const pairs =
    query ??
    op.parameters
      .filter((p) => p.in === 'query' && p.required)
      .map((p) => `${encodeURIComponent(p.name)}=${encodeURIComponent(String(sampleValid(p.schema, p.name)))}`);
  return pairs.length ? `${path}?${pairs.join('&')}` : path;
}

const validQuery = (op: Operation) =>
  op.parameters.filter((p) => p.in === 'query' && p.required).map((p) => `${encodeURIComponent(p.name)}=${encodeURIComponent(String(sampleValid(p.schema, p.name)))}`);

const json = (op: Operation, body: unknown, kind: string): Case => ({ kind, url: urlOf(op), payload: serialize(body), contentType: 'application/json' });

/** The kinds of hostile request that apply to one operation, each an arbitrary of cases, with how many to draw. */
function caseKinds(op: Operation, valid: unknown): [fc.Arbitrary<Case>, number][] {
  const kinds: [fc.Arbitrary<Case>, number][] = [];
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const hasBody = op.body !== undefined;
  const base = valid ?? sampleValid(op.body) ?? {};

  if (pathParams.length) {
    kinds.push([
      fc.record({ param: fc.constantFrom(...pathParams), value: hostileSegment }).map(({ param, value }) => ({
        kind: `path ${param.name}`,
        url: urlOf(op, { [param.name]: value }),
        ...(hasBody ? { payload: serialize(base), contentType: 'application/json' } : {}),
      })),
      2,
    ]);
  }
  if (queryParams.length) {
    kinds.push([
      fc.record({ param: fc.constantFrom(...queryParams), value: hostileQueryValue, twice: fc.boolean() }).map(({ param, value, twice }) => {
        const others = validQuery(op).filter((pair) => !pair.startsWith(`${encodeURIComponent(param.name)}=`));
        const mine = twice ? [`${param.name}=${value}`, `${param.name}=1`] : [`${param.name}=${value}`];
        return { kind: `query ${param.name}`, url: urlOf(op, {}, [...others, ...mine]), ...(hasBody ? { payload: serialize(base), contentType: 'application/json' } : {}) };
      }),
      3,
    ]);
  }
  kinds.push([
    fc.constantFrom('zzz=1', '__proto__=1', 'constructor%5Bprototype%5D=1', 'a%00=1', '%E0%A4%A=1', `${'k'.repeat(300)}=1`).map((pair) => ({
      kind: 'unknown query',
      url: urlOf(op, {}, [...validQuery(op), pair]),
      ...(hasBody ? { payload: serialize(base), contentType: 'application/json' } : {}),
    })),
    1,
  ]);

  if (!hasBody) {
    // A body where none belongs, in a type the API does not speak, or in JSON.
    kinds.push([
      fc.record({ contentType: wrongContentType, payload: fc.constantFrom('<a/>', 'a=1', '{"a":1}', serialize(deep(50_000))) }).map((c) => ({ kind: 'unexpected body', url: urlOf(op), ...c })),
      1,
    ]);
    return kinds;
  }

  const paths = fieldPaths(op.body);
  const required = ((objectSchema(op.body)?.required as string[] | undefined) ?? []).filter(Boolean);
  if (paths.length) {
    kinds.push([fc.record({ path: fc.constantFrom(...paths), value: hostileValue }).map(({ path, value }) => json(op, setAt(base, op.body, path, value), `field /${path.join('/')}`)), 4]);
  }
  if (required.length) {
    kinds.push([
      fc.constantFrom(...required).map((key) => {
        const { [key]: _dropped, ...rest } = base as Record<string, unknown>;
        return json(op, rest, `missing ${key}`);
      }),
      1,
    ]);
  }
  kinds.push([edgeValue(op.body, '').map((body) => json(op, body, 'edges of the schema')), 3]);
  kinds.push([fc.record({ key: hostileKey, value: hostileValue }).map(({ key, value }) => json(op, setAt(base, op.body, [key], value), `extra field ${JSON.stringify(key.slice(0, 20))}`)), 1]);
  kinds.push([
    fc.oneof(hostileValue, fc.constant('x'.repeat(1024 * 1024 + 1)), fc.constant(deep(50_000)), fc.constant([base])).map((value) => json(op, value, 'whole body')),
    2,
  ]);
  kinds.push([wrongContentType.map((contentType) => ({ kind: `content type ${String(contentType)}`, url: urlOf(op), payload: serialize(base), ...(contentType === undefined ? {} : { contentType }) })), 1]);
  kinds.push([brokenJson.map((payload) => ({ kind: 'broken JSON', url: urlOf(op), payload, contentType: 'application/json' })), 1]);
  return kinds;
}

/** A stable number per operation, so its inputs do not change when other routes come and go. */
const seedOf = (op: Operation) => [...`${op.method} ${op.path}`].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) | 0, seed);

const show = (text: string | undefined) => (text === undefined ? '' : text.length > 120 ? `${text.slice(0, 120)}... (${text.length} chars)` : text);

describe('every documented operation under hostile input', () => {
  it('walks an OpenAPI document that lists the API', () => {
    expect(operations.length).toBeGreaterThan(40);
    expect(operations.map((op) => `${op.method} ${op.path}`)).toEqual(expect.arrayContaining(['POST /api/v1/customers', 'GET /api/v1/customers/{id}', 'GET /api/v1/health']));
  });

  it('notices when something saved changes (so that the check below can fail)', async () => {
    const first = await fingerprint();
    expect(await fingerprint()).toBe(first);
    expect((await admin.patch(`/api/v1/customers/${target}`, { pronouns: 'they/them' })).status).toBe(200);
    const second = await fingerprint();
    expect(second).not.toBe(first);
    expect((await admin.post('/api/v1/customers', { displayName: 'Someone else' })).status).toBe(201);
    expect(await fingerprint()).not.toBe(second);
  });

  it('never answers 5xx; every 4xx is problem+json with its status; a refused write changes nothing', async () => {
    const failures: string[] = [];
    let sent = 0;
    for (const op of operations) {
      // A request that was let through may have signed the admin out or removed the target: start each operation afresh.
      if ((await admin.get('/api/v1/auth/me')).status !== 200) admin = await t.signIn('admin');
      if ((await admin.get(`/api/v1/customers/${target}`)).status !== 200) target = await newTarget();
      existing = await existingIds(op);
      const valid = op.method === 'POST' && op.body ? (await createValid(op, urlOf(op))).body : undefined;

      const cases = caseKinds(op, valid).flatMap(([arbitrary, runs], i) => fc.sample(arbitrary, { seed: seedOf(op) + i, numRuns: runs * scale }));
      const write = op.method !== 'GET';
      // What was saved before each request: the state after the one before it.
      let before = write ? await fingerprint() : undefined;
      for (const c of cases) {
        // From an address of its own: failed sign-ins among the cases must not throttle the test's own sign-ins.
        const res = await admin.request(op.method, c.url, c.payload, { headers: c.contentType === undefined ? {} : { 'content-type': c.contentType }, remoteAddress: '198.51.100.7' });
        sent += 1;
        const label = `${op.method} ${op.path} [${c.kind}] ${show(c.url)} ${show(c.payload)} -> ${res.status}`;
        const problem = checkAnswer(res.status, String(res.headers['content-type'] ?? ''), res.raw.body);
        if (problem) failures.push(`${label}: ${problem}`);
        if (write) {
          const after = await fingerprint();
          if (res.status >= 400 && after !== before) failures.push(`${label}: the refused request changed what was saved`);
          before = after;
        }
      }
    }
    expect(failures).toEqual([]);
    // Bounded: a few hundred requests, however many routes there are (about 60 s on PostgreSQL on a 2-CPU
    // machine; CI there once took more than 150 s while other work loaded the machine).
    expect(sent).toBeGreaterThan(200);
    expect(sent).toBeLessThan(20 * scale * operations.length);
  }, 300_000 * scale);

  it('leaves the server answering', async () => {
    expect((await t.anonymous.get('/api/v1/health')).status).toBe(200);
    expect((await (await t.signIn('admin')).get(`/api/v1/customers/${target}`)).body.displayName).toBe('Fuzz Target');
  });
});

/**
 * For each path parameter, a record that exists: the target customer for a customer's own paths,
 * otherwise one made now with a valid body through the collection's POST, when there is one.
 */
async function existingIds(op: Operation): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const [, name] of op.path.matchAll(/\{([^}]+)\}/g)) {
    const collection = op.path.slice(0, op.path.indexOf(`{${name!}}`) - 1);
    if (name === 'id' && collection === '/api/v1/customers') {
      ids[name] = target;
      continue;
    }
    const create = operations.find((o) => o.method === 'POST' && o.path === collection);
    if (!create) continue;
    const url = collection.replace(/\{([^}]+)\}/g, (_, n: string) => ids[n] ?? unknownId);
    const { res } = await createValid(create, url);
    if (res.status >= 300) continue;
    // A customer's emails, phones...: the answer is the customer, and the new item is the last of its list.
    const list = res.body?.[collection.split('/').at(-1)!.replace(/-(\w)/g, (_: string, c: string) => c.toUpperCase())];
    const id: unknown = res.body?.id !== target ? res.body?.id : Array.isArray(list) ? list.at(-1)?.id : undefined;
    if (typeof id === 'string') ids[name!] = id;
  }
  return ids;
}

/** The schema of the value at `path` in a body of `schema`. */
function schemaAt(schema: Schema | undefined, path: string[]): Schema | undefined {
  let here = schema;
  for (const segment of path) {
    const items = here?.items as Schema | undefined;
    here = /^\d+$/.test(segment) && (here?.type === 'array' || items) ? items : objectSchema(here)?.properties?.[segment];
  }
  return here;
}

let unique = 0;
/** Another plausible value for a field the rules refused (an email, a phone number, a unique name...). */
function another(schema: Schema | undefined, attempt: number): unknown {
  unique += 1;
  const type = schema?.type ?? objectSchema(schema)?.type ?? (schema?.anyOf as Schema[] | undefined)?.find((b) => b.type !== 'null')?.type;
  if (type === 'integer' || type === 'number') return [1, 100, 10_000, 0][attempt % 4];
  if (type === 'string' || type === undefined) {
    return [`Fuzz value ${unique}`, `fuzz${unique}@example.org`, `+1 415 555 ${String(1000 + (unique % 9000))}`, `2024-05-0${1 + (unique % 9)}`, `https://example.org/${unique}`][attempt % 5];
  }
  return sampleValid(schema);
}

/**
 * Creates a record through `op` (a POST) with a valid body: the sample from the schema, with each
 * field the rules refuse (422, 409) swapped for another plausible value, a few times over.
 */
async function createValid(op: Operation, url: string): Promise<{ res: Response; body: unknown }> {
  let body: unknown = sampleValid(op.body) ?? {};
  let res = await admin.post(url, body);
  for (let attempt = 0; attempt < 8 && (res.status === 422 || res.status === 409); attempt++) {
    const path = (res.body?.errors?.[0]?.path as string | undefined) ?? '';
    if (!path.startsWith('/body/')) break;
    const segments = path.slice('/body/'.length).split('/');
    body = setAt(body, op.body, segments, another(schemaAt(op.body, segments), attempt));
    res = await admin.post(url, body);
  }
  return { res, body };
}

async function fingerprint(): Promise<string> {
  const customer = await admin.get(`/api/v1/customers/${target}`);
  return JSON.stringify([await countRows(), customer.status, customer.body]);
}

/** What is wrong with an answer, or undefined. */
function checkAnswer(status: number, contentType: string, body: string): string | undefined {
  if (status >= 500) return `server error: ${show(body)}`;
  if (status < 400) return undefined;
  if (!contentType.startsWith('application/problem+json')) return `a ${status} as ${contentType || 'no content type'}, not problem+json: ${show(body)}`;
  let problem: Record<string, unknown>;
  try {
    problem = JSON.parse(body) as Record<string, unknown>;
  } catch {
    return `a problem+json body that is not JSON: ${show(body)}`;
  }
  if (problem.status !== status) return `problem status ${String(problem.status)} for HTTP ${status}`;
  for (const field of ['type', 'title', 'detail'] as const) {
    if (typeof problem[field] !== 'string' || !(problem[field] as string).length) return `no ${field}: ${show(body)}`;
  }
  if ('stack' in problem) return 'a stack trace in the answer';
  return undefined;
}
