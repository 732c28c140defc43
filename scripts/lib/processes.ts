// Child processes the scripts start and must stop again: the app server, the browser runner.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { projectRoot } from './profile.ts';

// `node` is the Node running this script (the app server is a plain Node program); anything else
// is a tool from node_modules/.bin.
const localBin = (name: string) => (name === 'node' ? process.execPath : `${projectRoot}/node_modules/.bin/${name}`);

/**
 * Runs a project tool (tsc, eslint, vitest, remix, tsx) to completion; true when it passed.
 * Asynchronous on purpose: the API stand-in may run in this same process and must keep
 * answering the tool's requests meanwhile.
 */
export function runTool(name: string, args: string[], env: Record<string, string> = {}): Promise<boolean> {
  const child = spawn(localBin(name), args, { cwd: projectRoot, stdio: 'inherit', env: { ...process.env, ...env } });
  return new Promise((resolve) => {
    child.once('error', () => resolve(false));
    child.once('exit', (code) => resolve(code === 0));
  });
}

/**
 * As runTool, but holds the tool's output (stdout and stderr, in order) and hands it back with
 * the result: for a tool that runs beside others (types and lint beside the database steps, browser
 * test files two at a time), whose output is printed whole when it is done.
 */
export function runToolHoldingOutput(name: string, args: string[], env: Record<string, string> = {}): Promise<{ ok: boolean; output: string }> {
  const child = spawn(localBin(name), args, { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
  return new Promise((resolve) => {
    child.once('error', (error) => resolve({ ok: false, output: `${Buffer.concat(chunks).toString()}${error.message}\n` }));
    child.once('close', (code) => resolve({ ok: code === 0, output: Buffer.concat(chunks).toString() }));
  });
}

/** Starts a long-running project tool; its output goes to logFile (or the terminal). */
export function startTool(name: string, args: string[], env: Record<string, string>, logFile?: string): ChildProcess {
  const output = logFile ? fs.openSync(logFile, 'w') : 'inherit';
  return spawn(localBin(name), args, {
    cwd: projectRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', output, output],
  });
}

export async function waitForHttp(url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      await fetch(url, { redirect: 'manual' });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000}s`);
}

export function stopProcess(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
}
