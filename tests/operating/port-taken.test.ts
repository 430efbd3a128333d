import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runServerProcess, serverWorkspace, type ServerWorkspace } from '../support/server-process.ts';

/** A PORT another program holds: the server says so in one line and exits 1, as one process and with workers. */
const TIMEOUT = 120_000;
let workspace: ServerWorkspace;
let holder: net.Server;
let port: number;

beforeAll(async () => {
  workspace = await serverWorkspace('port');
  holder = net.createServer();
  await new Promise<void>((resolve) => holder.listen(0, resolve));
  port = (holder.address() as net.AddressInfo).port;
}, TIMEOUT);
afterAll(async () => {
  await new Promise((resolve) => holder.close(resolve));
  await workspace.remove();
}, TIMEOUT);

describe('a PORT that is taken', () => {
  it.each(['1', '2'])(
    'with API_PROCESSES=%s: says which port and what to do, and exits 1',
    async (processes) => {
      const { code, output } = await runServerProcess({
        ...workspace.env,
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
