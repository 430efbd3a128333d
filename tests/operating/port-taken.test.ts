import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dropDatabase, ensureDatabase } from '../../server/shared/database.ts';
import { runServerProcess } from '../support/server-process.ts';

/** A PORT another program holds: the server says so in one line and exits 1, as one process and with workers. */
const TIMEOUT = 120_000;
let databaseUrl: string;
let database: string;
let dataDir: string;
let holder: net.Server;
let port: number;

beforeAll(async () => {
  database = `${inject('runId')}_port_${randomBytes(3).toString('hex')}`;
  databaseUrl = await ensureDatabase(inject('adminUrl'), database, inject('templateDatabase'));
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'par-port-'));
  holder = net.createServer();
  await new Promise<void>((resolve) => holder.listen(0, resolve));
  port = (holder.address() as net.AddressInfo).port;
}, TIMEOUT);
afterAll(async () => {
  await new Promise((resolve) => holder.close(resolve));
  await dropDatabase(inject('adminUrl'), database);
  await fs.rm(dataDir, { recursive: true, force: true });
}, TIMEOUT);

describe('a PORT that is taken', () => {
  it.each(['1', '2'])(
    'with API_PROCESSES=%s: says which port and what to do, and exits 1',
    async (processes) => {
      const { code, output } = await runServerProcess({
        NODE_ENV: 'production',
        DATABASE_URL: databaseUrl,
        DATA_DIR: dataDir,
        PAR_DEMO: '0',
        PORT: String(port),
        API_PROCESSES: processes,
      });
      expect(code).toBe(1);
      const fatal = output
        .split('\n')
        .filter((line) => line.startsWith('{"level":60'))
        .map((line) => (JSON.parse(line) as { msg: string }).msg);
      const taken = `PORT ${port} is taken by another program: stop it, or set PORT to a free port.`;
      if (processes === '1') expect(fatal).toEqual([taken]);
      else {
        // Each worker that reached the port says so; the supervising process names the first to stop, and stops.
        expect(
          fatal.filter((message) => /^API worker \d+: /.test(message)).map((message) => message.replace(/^API worker \d+: /, '')),
        ).toContain(taken);
        expect(fatal.some((message) => /^API worker \d+ stopped while starting \(exit 1\)$/.test(message))).toBe(true);
      }
      // A raw stack trace is not what an operator should read.
      expect(output).not.toMatch(/^\s+at /m);
    },
    TIMEOUT,
  );
});
