// The schema is one migration per domain, each object created once in its final form
// (docs/decisions/004-schema-as-one-migration-per-domain.md). This check reads
// supabase/migrations/*.sql and fails when two files define the same function or procedure
// (schema.name + argument types), view, trigger (name + table), policy (name + table), type,
// table or index. Comments, string literals and function bodies are skipped, so text that only
// mentions `create function …` never counts; a file that defines an object more than once (say
// `create` then `create or replace`) counts as one file.
//
// After the first release the migrations that landed stay as they are, and a change is a new
// file that replaces the object. Set `firstRelease` to the timestamp of the newest migration of
// the first release (once, when it is deployed). Files up to it still define each object once;
// an object first defined in `<ts>_<domain>.sql` may be defined again only in a later file
// named `<ts>_<domain>__<change>.sql` (same domain, after the first release). Until then
// (null) nothing may be defined twice.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from './profile.ts';

/**
 * Timestamp of the newest migration of the first release; null while nothing is deployed.
 * Main's migrations up to 20261202000300 are landed and never edited again (issue #15 on):
 * changes since are <timestamp>_<domain>__<change>.sql files.
 */
const firstRelease: string | null = '20261202000300';

const migrationsDir = path.join(projectRoot, 'supabase', 'migrations');

interface MigrationFile {
  name: string;
  sql: string;
}

interface Definition {
  /** What is defined, e.g. `function private.now()` or `trigger on_auth_user_created on auth.users`. */
  key: string;
  file: string;
}

/**
 * The SQL with comments removed and every string literal and dollar-quoted body (function
 * bodies, `do` blocks) replaced by `''`, so only statements the file itself runs remain.
 * Double-quoted identifiers are kept (policy names).
 */
function codeOnly(sql: string): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const rest = sql.slice(i);
    if (rest.startsWith('--')) {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? sql.length : end;
      out += ' ';
    } else if (rest.startsWith('/*')) {
      // PostgreSQL block comments nest.
      let depth = 0;
      do {
        if (sql.startsWith('/*', i)) {
          depth += 1;
          i += 2;
        } else if (sql.startsWith('*/', i)) {
          depth -= 1;
          i += 2;
        } else {
          i += 1;
        }
      } while (depth > 0 && i < sql.length);
      out += ' ';
    } else if (/^[Ee]'/.test(rest) && !/[A-Za-z0-9_]/.test(sql[i - 1] ?? '')) {
      i += 2;
      while (i < sql.length && !(sql[i] === "'" && sql[i + 1] !== "'")) i += sql[i] === '\\' || sql[i] === "'" ? 2 : 1;
      i += 1;
      out += "''";
    } else if (rest.startsWith("'")) {
      i += 1;
      while (i < sql.length && !(sql[i] === "'" && sql[i + 1] !== "'")) i += sql[i] === "'" ? 2 : 1;
      i += 1;
      out += "''";
    } else if (rest.startsWith('"')) {
      const end = /^"(?:[^"]|"")*"/.exec(rest);
      const identifier = end ? end[0] : rest;
      out += identifier;
      i += identifier.length;
    } else if (/^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.test(rest) && !/[A-Za-z0-9_]/.test(sql[i - 1] ?? '')) {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(rest)![0];
      const end = sql.indexOf(tag, i + tag.length);
      i = end === -1 ? sql.length : end + tag.length;
      out += "''";
    } else {
      out += sql[i];
      i += 1;
    }
  }
  return out;
}

/** An identifier as PostgreSQL stores it: unquoted ones folded to lower case, quoted ones kept. */
function identifier(part: string): string {
  return part.startsWith('"') ? part.slice(1, -1).replace(/""/g, '"') : part.toLowerCase();
}

/** `schema.name` as PostgreSQL stores it (public when the file leaves the schema out). */
function qualified(name: string): string {
  const parts = (name.match(/"(?:[^"]|"")*"|[^.]+/g) ?? []).map(identifier);
  return parts.length > 1 ? parts.join('.') : `public.${parts[0]}`;
}

const typeAliases: Record<string, string> = {
  int: 'integer',
  int4: 'integer',
  int8: 'bigint',
  int2: 'smallint',
  bool: 'boolean',
  float8: 'double precision',
  float4: 'real',
  decimal: 'numeric',
  varchar: 'character varying',
  timestamptz: 'timestamp with time zone',
  timetz: 'time with time zone',
};
const typeStartWords = new Set(['double', 'character', 'timestamp', 'time', 'bit', 'interval', 'national']);

/** Splits on commas outside parentheses. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(') depth += 1;
    if (char === ')') depth -= 1;
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  if (current.trim() !== '') parts.push(current);
  return parts;
}

/** The identity of a function's arguments: their types (names, defaults and OUT arguments dropped). */
function argumentTypes(argumentList: string): string {
  const types: string[] = [];
  for (const argument of splitTopLevel(argumentList)) {
    let words = argument
      .replace(/\s+(default\b|=)[\s\S]*$/i, '')
      .trim()
      .split(/\s+/);
    const mode = words[0]?.toLowerCase();
    if (mode === 'out') continue;
    if (mode === 'in' || mode === 'inout' || mode === 'variadic') words = words.slice(1);
    if (words.length > 1 && !typeStartWords.has(words[0].toLowerCase())) words = words.slice(1);
    const type = words
      .join(' ')
      .toLowerCase()
      .replace(/"/g, '')
      .replace(/\s*\([^)]*\)/g, '')
      .replace(/^pg_catalog\./, '')
      .replace(/\s*\[\s*\]/g, '[]');
    const base = type.replace(/(\[\])+$/, '');
    types.push((typeAliases[base] ?? base) + type.slice(base.length));
  }
  return types.join(', ');
}

/** Text from `open` (an index of '(') to its matching ')', exclusive. */
function parenthesised(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i += 1) {
    if (text[i] === '(') depth += 1;
    if (text[i] === ')') {
      depth -= 1;
      if (depth === 0) return text.slice(open + 1, i);
    }
  }
  return text.slice(open + 1);
}

const name = String.raw`((?:"(?:[^"]|"")*"|[A-Za-z_][\w$]*)(?:\.(?:"(?:[^"]|"")*"|[A-Za-z_][\w$]*))?)`;

/** Every object a migration defines, by the key that makes two definitions the same object. */
function definitionsIn(sql: string): string[] {
  const keys: string[] = [];
  for (const raw of codeOnly(sql).split(';')) {
    const statement = raw.trim().replace(/\s+/g, ' ');
    let match: RegExpExecArray | null;
    if ((match = new RegExp(`^create (?:or replace )?(function|procedure) ${name} ?\\(`, 'i').exec(statement))) {
      const args = parenthesised(statement, match[0].length - 1);
      keys.push(`${match[1].toLowerCase()} ${qualified(match[2])}(${argumentTypes(args)})`);
    } else if ((match = new RegExp(`^create (?:or replace )?(?:(materialized) )?(?:recursive )?view (?:if not exists )?${name}`, 'i').exec(statement))) {
      keys.push(`${match[1] ? 'materialized view' : 'view'} ${qualified(match[2])}`);
    } else if ((match = new RegExp(`^create (?:or replace )?(?:constraint )?trigger ${name} (?:before|after|instead of) .*? on ${name}`, 'i').exec(statement))) {
      keys.push(`trigger ${identifier(match[1])} on ${qualified(match[2])}`);
    } else if ((match = new RegExp(`^create policy ${name} on ${name}`, 'i').exec(statement))) {
      keys.push(`policy "${identifier(match[1])}" on ${qualified(match[2])}`);
    } else if ((match = new RegExp(`^create type ${name}`, 'i').exec(statement))) {
      keys.push(`type ${qualified(match[1])}`);
    } else if ((match = new RegExp(`^create (?:(?:unlogged|temp|temporary) )?table (?:if not exists )?${name}`, 'i').exec(statement))) {
      keys.push(`table ${qualified(match[1])}`);
    } else if ((match = new RegExp(`^create (?:unique )?index (?:concurrently )?(?:if not exists )?${name} on (?:only )?${name}`, 'i').exec(statement))) {
      const schema = qualified(match[2]).split('.')[0];
      keys.push(`index ${schema}.${identifier(match[1])}`);
    }
  }
  return [...new Set(keys)];
}

/** `20261121000410_stock_holds__per_cart_limit.sql` → timestamp 20261121000410, domain stock_holds. */
function parseFileName(file: string): { timestamp: string; domain: string; isChange: boolean } {
  const match = /^(\d+)_(.+?)(?:__(.+))?\.sql$/.exec(file);
  if (!match) throw new Error(`${file}: a migration is named <timestamp>_<domain>.sql or <timestamp>_<domain>__<change>.sql`);
  return { timestamp: match[1], domain: match[2], isChange: match[3] !== undefined };
}

/** Every object that is defined in more than one file against the rule above, as a sentence. */
function redefinitions(files: MigrationFile[], release: string | null): string[] {
  const sorted = [...files].sort((a, b) => a.name.localeCompare(b.name));
  const firstDefinition = new Map<string, Definition>();
  const problems: string[] = [];
  for (const file of sorted) {
    const { timestamp, domain } = parseFileName(file.name);
    const afterRelease = release !== null && timestamp > release;
    for (const key of definitionsIn(file.sql)) {
      const first = firstDefinition.get(key);
      if (!first) {
        firstDefinition.set(key, { key, file: file.name });
        continue;
      }
      const home = parseFileName(first.file).domain;
      if (!afterRelease) {
        problems.push(`${key} is defined in ${first.file} and again in ${file.name}: define it once, in its final form`);
      } else if (domain !== home || !parseFileName(file.name).isChange) {
        problems.push(`${key} (first defined in ${first.file}) is changed in ${file.name}: name the change ${timestamp}_${home}__<change>.sql`);
      }
    }
  }
  return problems;
}

function readMigrations(): MigrationFile[] {
  return fs
    .readdirSync(migrationsDir)
    .filter((file) => file.endsWith('.sql'))
    .map((file) => ({ name: file, sql: fs.readFileSync(path.join(migrationsDir, file), 'utf8') }));
}

describe('supabase/migrations', () => {
  const migrations = readMigrations();

  it('are named <timestamp>_<domain>.sql (changes after a release: <timestamp>_<domain>__<change>.sql)', () => {
    for (const file of migrations) expect(() => parseFileName(file.name)).not.toThrow();
  });

  it('are read: the check sees their definitions', () => {
    const definitions = migrations.flatMap((file) => definitionsIn(file.sql));
    expect(definitions.length).toBeGreaterThan(100);
    expect(definitions).toContain('function public.reserve_stock(uuid, integer)');
    expect(definitions).toContain('trigger on_auth_user_created on auth.users');
    expect(definitions).toContain('policy "Anyone can read products" on public.products');
  });

  it('define each function, view, trigger, policy, type, table and index in one file', () => {
    expect(redefinitions(migrations, firstRelease)).toEqual([]);
  });
});

describe('the check itself', () => {
  const file = (name: string, sql: string): MigrationFile => ({ name, sql });

  it('finds each kind of object, keyed the way PostgreSQL tells them apart', () => {
    const sql = `
      create type public.mood as enum ('a', 'b');
      create table public.things (id uuid primary key, note text default 'create table public.other (x int);');
      create unique index things_note_key on public.things (lower(note));
      create or replace function private.touch(thing_id uuid, how_much int default 1, out done boolean)
        returns boolean language sql as $$ select true $$;
      create function "private"."Quoted"(timestamptz, text[]) returns void language sql as $body$ select $body$;
      create view admin.things_view with (security_invoker = true) as select 1;
      create trigger things_touch before update of note on public.things for each row execute function private.touch();
      create policy "Anyone reads things" on public.things for select using (true);
    `;
    expect(definitionsIn(sql)).toEqual([
      'type public.mood',
      'table public.things',
      'index public.things_note_key',
      'function private.touch(uuid, integer)',
      'function private.Quoted(timestamp with time zone, text[])',
      'view admin.things_view',
      'trigger things_touch on public.things',
      'policy "Anyone reads things" on public.things',
    ]);
  });

  it('is not fooled by comments, strings or function bodies that mention definitions', () => {
    const sql = `
      -- create function public.in_a_line_comment() returns void
      /* create view public.in_a_block_comment as select 1; /* nested */ create type public.still_comment; */
      comment on table public.x is 'create policy "in a string" on public.x';
      select E'it''s \\' create function public.escaped()';
      do $$ begin execute 'create table public.made_at_run_time ()'; create trigger t after insert on public.x; end $$;
      create function public.real() returns void language plpgsql as $fn$
        begin
          -- create function public.in_a_body() ...
          create temporary table in_a_body (id int);
        end $fn$;
    `;
    expect(definitionsIn(sql)).toEqual(['function public.real()']);
  });

  it('refuses the same object in two files, whatever the spelling, and counts a file once', () => {
    const first = file('20260101000100_holds.sql', `
      create function private.reserve(product_id uuid, quantity integer) returns void language sql as $$ select $$;
      create or replace function private.reserve(product_id uuid, quantity integer) returns void language sql as $$ select 1 $$;
      create trigger holds_track after insert on public.holds for each row execute function private.track();`);
    expect(redefinitions([first], null)).toEqual([]);

    const second = file('20260101000500_holds_fast_path.sql', `
      CREATE OR REPLACE FUNCTION Private.Reserve(p UUID, q INT4) RETURNS void LANGUAGE sql AS $$ select 2 $$;
      drop trigger holds_track on public.holds;
      create trigger holds_track after insert or delete on public.holds for each row execute function private.track();
      create function private.reserve(product_id uuid, quantity integer, note text) returns void language sql as $$ select $$;
      create trigger holds_track after insert on public.other_table for each row execute function private.track();`);
    expect(redefinitions([second, first], null)).toEqual([
      'function private.reserve(uuid, integer) is defined in 20260101000100_holds.sql and again in 20260101000500_holds_fast_path.sql: define it once, in its final form',
      'trigger holds_track on public.holds is defined in 20260101000100_holds.sql and again in 20260101000500_holds_fast_path.sql: define it once, in its final form',
    ]);
  });

  it('after the first release, accepts a change only in a later <domain>__<change> file of the same domain', () => {
    const domain = file('20260101000100_holds.sql', 'create function private.reserve(uuid) returns void language sql as $$ select $$;');
    const change = (name: string) => file(name, 'create or replace function private.reserve(id uuid) returns void language sql as $$ select 1 $$;');
    expect(redefinitions([domain, change('20270101000100_holds__limit_per_cart.sql')], '20260101000100')).toEqual([]);
    expect(redefinitions([domain, change('20270101000100_orders__limit_per_cart.sql')], '20260101000100')).toEqual([
      'function private.reserve(uuid) (first defined in 20260101000100_holds.sql) is changed in 20270101000100_orders__limit_per_cart.sql: name the change 20270101000100_holds__<change>.sql',
    ]);
    expect(redefinitions([domain, change('20270101000100_holds_limit_per_cart.sql')], '20260101000100')).toHaveLength(1);
    expect(redefinitions([domain, change('20260101000200_holds__part_of_the_first_release.sql')], '20260101000200')).toHaveLength(1);
  });
});
