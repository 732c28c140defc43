import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { measurePageJavaScript } from './page-javascript.ts';

let folder: string;

/** A build folder with the given files (name → contents) and a manifest naming them. */
function writeBuild(files: Record<string, string>, manifest: object): string {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'page-js-'));
  for (const [name, contents] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
    fs.writeFileSync(path.join(folder, name), contents);
  }
  fs.writeFileSync(path.join(folder, 'manifest-ABC123.js'), `window.__remixManifest=${JSON.stringify(manifest)};`);
  return folder;
}

const gzipped = (text: string) => zlib.gzipSync(Buffer.from(text), { level: 6 }).length;

afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

describe('measurePageJavaScript', () => {
  const files = {
    'entry.js': 'entry;'.repeat(50),
    'root.js': 'root;'.repeat(40),
    '_shared/react.js': 'react;'.repeat(300),
    '_shared/forms.js': 'forms;'.repeat(200),
    'routes/layout.js': 'layout;'.repeat(20),
    'routes/page.js': 'page;'.repeat(10),
    'routes/healthz.js': 'healthz;',
  };
  const manifest = {
    entry: { module: '/build/entry.js', imports: ['/build/_shared/react.js'] },
    routes: {
      root: { id: 'root', module: '/build/root.js', imports: ['/build/_shared/react.js'] },
      'routes/layout': { id: 'routes/layout', parentId: 'root', module: '/build/routes/layout.js', imports: ['/build/_shared/forms.js'] },
      'routes/page': { id: 'routes/page', parentId: 'routes/layout', module: '/build/routes/page.js', imports: ['/build/_shared/forms.js', '/build/_shared/react.js'] },
      'routes/healthz': { id: 'routes/healthz', parentId: 'root', module: '/build/routes/healthz.js' },
    },
  };

  it('counts the entry and every route from root down, each file once, gzip-compressed', () => {
    const pages = measurePageJavaScript(writeBuild(files, manifest), (id) => id !== 'routes/healthz');
    const loaded = ['entry.js', '_shared/react.js', 'root.js', 'routes/layout.js', '_shared/forms.js', 'routes/page.js'] as const;
    expect(pages).toEqual([
      {
        routeId: 'routes/page',
        files: loaded.length,
        rawBytes: loaded.reduce((sum, name) => sum + files[name].length, 0),
        gzipBytes: loaded.reduce((sum, name) => sum + gzipped(files[name]), 0),
      },
    ]);
  });

  it('leaves out layouts and routes without a component, and refuses a build with no manifest', () => {
    const pages = measurePageJavaScript(writeBuild(files, manifest), () => true);
    expect(pages.map((page) => page.routeId).sort()).toEqual(['routes/healthz', 'routes/page']);
    fs.rmSync(path.join(folder, 'manifest-ABC123.js'));
    expect(() => measurePageJavaScript(folder, () => true)).toThrow(/No Remix assets manifest/);
  });
});
