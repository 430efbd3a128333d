import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, inject, vi } from 'vitest';
import { dropDatabase, ensureDatabase, freePort } from '../../server/shared/database.ts';

/** The real server (`server/main.ts`) in a child process, as `npm start` runs it. */
export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Everything it wrote so far, stdout and stderr. */
  output: () => string;
  exited: Promise<number | null>;
}

/**
 * Starts `server/main.ts` on a free port with `env` over this process's environment and resolves once `/readyz`
 * answers 200 and `readyWhen` holds of its output; if it exits or takes longer than `timeoutMs`, the error carries
 * its output.
 */
export async function startServerProcess(
  env: Record<string, string>,
  { timeoutMs = 120_000, readyWhen = () => true }: { timeoutMs?: number; readyWhen?: (output: string) => boolean } = {},
): Promise<ServerProcess> {
  const port = await freePort();
  const { child, output, exited } = spawnServer({ PORT: String(port), ...env });
  const url = `http://127.0.0.1:${port}`;
  await vi
    .waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
        const status = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(3_000) }).then(
          (response) => response.status,
          () => 0,
        );
        expect(status).toBe(200);
        expect(readyWhen(output())).toBe(true);
      },
      { timeout: timeoutMs, interval: 250 },
    )
    .catch((error: unknown) => {
      child.kill('SIGKILL');
      throw new Error(`${String(error)}\n${output()}`);
    });
  return { child, url, output, exited };
}

/** Runs `server/main.ts` with `env` until it exits by itself (a start that must fail): its exit code and output. */
export async function runServerProcess(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const { output, exited } = spawnServer(env);
  return { code: await exited, output: output() };
}

function spawnServer(env: Record<string, string>): Omit<ServerProcess, 'url'> {
  const child = spawn(process.execPath, ['--import', './server/register.js', 'server/main.ts'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** A copy of the seeded template database and an empty data folder, for real servers of one test file. */
export interface ServerWorkspace {
  databaseUrl: string;
  dataDir: string;
  /** The server's environment on them, as `npm start` runs it (production mode, no demo data added). */
  env: Record<string, string>;
  /** Drops the database and removes the folder. */
  remove(): Promise<void>;
}

export async function serverWorkspace(label: string): Promise<ServerWorkspace> {
  const database = `${inject('runId')}_${label}_${randomBytes(3).toString('hex')}`;
  const databaseUrl = await ensureDatabase(inject('adminUrl'), database, inject('templateDatabase'));
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), `par-${label}-`));
  return {
    databaseUrl,
    dataDir,
    // NODE_ENV as `npm start` sets it: vitest's NODE_ENV=test switches off Apollo's own signal handling, which hid a
    // second handler that turned one SIGTERM into an immediate exit.
    env: { NODE_ENV: 'production', DATABASE_URL: databaseUrl, DATA_DIR: dataDir, PAR_DEMO: '0' },
    async remove() {
      await dropDatabase(inject('adminUrl'), database);
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
