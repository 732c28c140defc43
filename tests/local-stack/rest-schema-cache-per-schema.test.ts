// The schema cache keeps each exposed schema apart (issue #17, item 4): PostgREST's cache holds
// every exposed schema's relations under their own names, so `Accept-Profile`/`Content-Profile`
// never reach a table of another schema that has the same name. The stand-in reloads by catalog
// fingerprint at most every 500 ms, which once let the other schema's cache answer meanwhile.
// Driven through the store with the stand-in's own fingerprint query, as runTransaction uses it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { fingerprintSql, SchemaCacheStore } from '../../scripts/local-stack/api/rest/schema-cache.ts';
import { database } from './rest-fixtures.ts';

const client = database();

beforeAll(async () => {
  await client.connect();
  await client.query(`drop schema if exists conformance_other cascade;
    create schema conformance_other;
    create table conformance_other.conformance_items (other_id int primary key, label text);
    drop table if exists public.conformance_items;
    create table public.conformance_items (id int primary key, name text, price numeric);`);
});

afterAll(async () => {
  await client.query('drop schema if exists conformance_other cascade; drop table if exists public.conformance_items;');
  await client.end();
});

async function cacheFor(store: SchemaCacheStore, schema: string) {
  const pooled = client as unknown as pg.PoolClient;
  if (!store.needsCheck(schema)) return store.cached(schema);
  const { rows } = await client.query<{ fingerprint: string }>(`select ${fingerprintSql('$1')} as fingerprint`, [schema]);
  return store.refresh(pooled, schema, rows[0].fingerprint);
}

describe('one schema cache per exposed schema', () => {
  it('answers each schema from its own cache, also within the reload interval', async () => {
    const store = new SchemaCacheStore();
    const publicCache = await cacheFor(store, 'public');
    const otherCache = await cacheFor(store, 'conformance_other');
    expect(publicCache.schema).toBe('public');
    expect(otherCache.schema).toBe('conformance_other');
    expect(otherCache.relations.get('conformance_items')?.columns).toEqual(['other_id', 'label']);
    // Both are cached now: neither request reads the other schema's table of the same name.
    expect((await cacheFor(store, 'public')).relations.get('conformance_items')?.columns).toEqual(['id', 'name', 'price']);
    expect((await cacheFor(store, 'conformance_other')).relations.get('conformance_items')?.columns).toEqual(['other_id', 'label']);
    expect(store.isLoaded()).toBe(true);
  });
});
