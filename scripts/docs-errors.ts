// npm run docs:errors: writes README's error table from the catalogue (app/utils/error-catalogue.ts),
// between the markers <!-- error-catalogue:start --> and <!-- error-catalogue:end -->.
// scripts/lib/error-catalogue.test.ts fails when README is out of date.
import fs from 'node:fs';
import path from 'node:path';
import { renderErrorTable } from '../app/utils/error-catalogue.ts';
import { projectRoot } from './lib/profile.ts';

const readmePath = path.join(projectRoot, 'README.md');
const readme = fs.readFileSync(readmePath, 'utf8');
const start = '<!-- error-catalogue:start -->';
const end = '<!-- error-catalogue:end -->';
const from = readme.indexOf(start);
const to = readme.indexOf(end);
if (from < 0 || to < from) throw new Error(`README.md has no ${start} … ${end} section.`);
fs.writeFileSync(readmePath, `${readme.slice(0, from + start.length)}\n${renderErrorTable()}\n${readme.slice(to)}`);
console.log('README.md: error table written from app/utils/error-catalogue.ts');
