import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepStaging } from '../../server/shared/upload.ts';

/**
 * Issue 10, item 1, the last lines: a stray rejection inside a request is logged and the process
 * keeps serving (server/shared/process-guard.ts, installed by server/main.ts); what a crash left in
 * the staging folders is swept at start.
 */
let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'par-hardening-process-'));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

describe('staging folders', () => {
  it('are emptied at start, and nothing else under the data folder is touched', async () => {
    await fs.mkdir(path.join(dir, 'evidence', '.staging'), { recursive: true });
    await fs.mkdir(path.join(dir, 'survey', '.staging'), { recursive: true });
    await fs.mkdir(path.join(dir, 'evidence', 'ab', 'cd'), { recursive: true });
    await fs.writeFile(path.join(dir, 'evidence', '.staging', 'half-upload'), 'x');
    await fs.writeFile(path.join(dir, 'survey', '.staging', 'half-survey'), 'x');
    await fs.writeFile(path.join(dir, 'evidence', 'ab', 'cd', 'abcd'), 'kept');
    expect((await sweepStaging(dir)).map((file) => path.basename(file)).sort()).toEqual(['half-survey', 'half-upload']);
    expect(await fs.readdir(path.join(dir, 'evidence', '.staging'))).toEqual([]);
    expect(await fs.readFile(path.join(dir, 'evidence', 'ab', 'cd', 'abcd'), 'utf8')).toBe('kept');
    expect(await sweepStaging(path.join(dir, 'missing'))).toEqual([]);
  });
});

describe('a stray rejection inside a request', () => {
  it('is logged and the process keeps serving', async () => {
    // A real HTTP server in its own process, with the guard main.ts installs and a route whose bug leaves a promise rejected.
    const script = `
      import http from 'node:http';
      import { keepServingOnStrayRejections } from './server/shared/process-guard.ts';
      keepServingOnStrayRejections();
      const server = http.createServer((req, res) => {
        if (req.url === '/bug') void Promise.reject(new Error('forgotten promise'));
        res.end(req.url);
      });
      server.listen(0, '127.0.0.1', () => console.log('PORT ' + server.address().port));
    `;
    const child = spawn(process.execPath, ['--import', './server/register.js', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // The guard logs through the server's logger (JSON lines on standard output); a crash would print to standard error.
    let output = '';
    child.stderr.on('data', (chunk) => (output += chunk));
    try {
      const port = await new Promise<number>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const match = /PORT (\d+)/.exec(chunk.toString());
          if (match) resolve(Number(match[1]));
        });
        child.on('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
      });
      expect(await (await fetch(`http://127.0.0.1:${port}/bug`)).text()).toBe('/bug');
      await expect.poll(() => output).toMatch(/"msg":"Unhandled promise rejection \(the server keeps serving\)"/);
      expect(output).toMatch(/"err":\{[^\n]*"message":"forgotten promise"/);
      expect(await (await fetch(`http://127.0.0.1:${port}/after`)).text()).toBe('/after');
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill();
    }
  });
});
