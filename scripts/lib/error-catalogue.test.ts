// The error catalogue (app/utils/error-catalogue.ts) is the one list of the database's named
// refusals, and this keeps it true: every `raise exception` in the migrations names an error of
// the catalogue in its hint with the catalogue's SQLSTATE, every catalogue entry is raised
// somewhere, and README's error table is the one generated from the catalogue.
// Names computed at run time come from functions called *_error_name, whose literals count.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE, isErrorName, renderErrorTable } from '../../app/utils/error-catalogue.ts';
import { projectRoot } from './profile.ts';

const migrationsDir = path.join(projectRoot, 'supabase', 'migrations');
const sql = fs
  .readdirSync(migrationsDir)
  .filter((name) => name.endsWith('.sql'))
  .sort()
  .map((name) => fs.readFileSync(path.join(migrationsDir, name), 'utf8'))
  .join('\n')
  // Comments may quote errors; only code counts.
  .replace(/--[^\n]*/g, '');

interface Raise {
  sqlstate: string;
  hint: string;
  text: string;
}

function findRaises(): Raise[] {
  return [...sql.matchAll(/raise exception using([\s\S]*?);/g)].map(([text, body]) => ({
    sqlstate: /errcode = '([^']+)'/.exec(body)?.[1] ?? '',
    hint: /hint = ([^,\n]+)/.exec(body)?.[1].trim() ?? '',
    text: text.replace(/\s+/g, ' ').slice(0, 160),
  }));
}

/** Names returned by the *_error_name helper functions (the computed hints). */
function computedNames(): string[] {
  const bodies = [...sql.matchAll(/function private\.[a-z_]+_error_name\([\s\S]*?\$\$([\s\S]*?)\$\$/g)].map(([, body]) => body);
  return bodies.flatMap((body) => [...body.matchAll(/'([a-z_]+)'/g)].map(([, name]) => name)).filter(isErrorName);
}

describe('the error catalogue', () => {
  const raises = findRaises();

  it('finds the raises (parsed, not empty)', () => {
    expect(raises.length).toBeGreaterThan(20);
  });

  it('every raise names a catalogue error in its hint, with the catalogue SQLSTATE', () => {
    const problems: string[] = [];
    for (const raise of raises) {
      const literal = /^'([a-z_]+)'$/.exec(raise.hint)?.[1];
      if (literal) {
        if (!isErrorName(literal)) problems.push(`unknown name ${literal}: ${raise.text}`);
        else if (ERROR_CATALOGUE[literal].sqlstate !== raise.sqlstate) {
          problems.push(`${literal} is ${ERROR_CATALOGUE[literal].sqlstate} in the catalogue but raised as ${raise.sqlstate}`);
        }
      } else if (!/^private\.[a-z_]+_error_name\(/.test(raise.hint)) {
        problems.push(`no name in hint: ${raise.text}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('every catalogue entry is raised somewhere', () => {
    const raised = new Set([...raises.map((raise) => /^'([a-z_]+)'$/.exec(raise.hint)?.[1]), ...computedNames()]);
    expect(Object.keys(ERROR_CATALOGUE).filter((name) => !raised.has(name))).toEqual([]);
  });

  it('README shows the table generated from the catalogue', () => {
    const readme = fs.readFileSync(path.join(projectRoot, 'README.md'), 'utf8');
    expect(readme, 'run `npm run docs:errors` and commit README.md').toContain(renderErrorTable());
  });
});
