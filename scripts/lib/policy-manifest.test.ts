// Proves the policy manifest of supabase/tests/database/900_… true: every allow and deny test
// it names exists and works on the table it is listed for, so a manifest line cannot point at a
// test that does not (or no longer) exercise that policy's table. The pgTAP file checks the
// other direction: every policy in the database has a manifest line.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from './profile.ts';

const testsDir = path.join(projectRoot, 'supabase', 'tests', 'database');
const manifestFile = fs.readdirSync(testsDir).find((name) => name.startsWith('900_'));

interface ManifestLine {
  table: string;
  policy: string;
  role: string;
  allowTest: string;
  denyTest: string;
}

function readManifest(): ManifestLine[] {
  if (!manifestFile) throw new Error('supabase/tests/database/900_… (the policy manifest) is missing');
  const sql = fs.readFileSync(path.join(testsDir, manifestFile), 'utf8');
  const line = /\('([a-z_]+)', '((?:[^']|'')+)', '([a-z_]+)', '([0-9a-z_]+)', '([0-9a-z_]+)'\)/g;
  return [...sql.matchAll(line)].map(([, table, policy, role, allowTest, denyTest]) => ({ table, policy, role, allowTest, denyTest }));
}

describe('the policy manifest', () => {
  const manifest = readManifest();

  it('lists policies (it is parsed, not empty)', () => {
    expect(manifest.length).toBeGreaterThan(30);
  });

  it.each(manifest.map((line) => [`${line.table}: ${line.policy} (${line.role})`, line] as const))(
    '%s: its allow and deny tests exist and touch the table',
    (_label, line) => {
      for (const test of [line.allowTest, line.denyTest]) {
        const file = path.join(testsDir, `${test}.test.sql`);
        expect(fs.existsSync(file), `${test}.test.sql exists`).toBe(true);
        const sql = fs.readFileSync(file, 'utf8');
        expect(sql, `${test} works on public.${line.table}`).toMatch(new RegExp(`public\\.${line.table}\\b`));
        // Acting as the role the policy is for, or as someone holding it (a user is authenticated).
        const actsAsRole = line.role === 'anon' ? /authenticate_as_anon\(\)/ : /authenticate_as\('/;
        expect(sql, `${test} acts as ${line.role}`).toMatch(actsAsRole);
      }
    },
  );
});
