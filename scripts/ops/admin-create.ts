// npm run admin:create -- --username <name> [--display-name <text>] [--password-file <path>] [--force]
// Creates the first ADMIN of an installation. The password never travels in argv (it would sit in the shell
// history and in `ps`): it is typed at the terminal (twice, not echoed), read from --password-file, or piped in.
import fs from 'node:fs/promises';
import readline from 'node:readline';
import { Writable } from 'node:stream';
import { passwordWeakness } from '../../server/auth/password-policy.logic.ts';
import { CommandError, parseArguments, run } from './run.ts';

const USAGE = 'npm run admin:create -- --username <name> [--display-name <text>] [--password-file <path>] [--force]';

/** One line typed at the terminal without echo (readline writes the echo into a sink). */
async function askHidden(prompt: string): Promise<string> {
  process.stderr.write(prompt);
  const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
  const rl = readline.createInterface({ input: process.stdin, output: sink, terminal: true });
  try {
    return await new Promise<string>((resolve) => rl.once('line', resolve));
  } finally {
    rl.close();
    process.stderr.write('\n');
  }
}

/** The first line of standard input, when it is a pipe or a file (`< secret.txt`). */
async function firstLineOfStdin(): Promise<string> {
  const rl = readline.createInterface({ input: process.stdin });
  try {
    for await (const line of rl) return line;
    return '';
  } finally {
    rl.close();
  }
}

async function readPassword(passwordFile: string | undefined): Promise<string> {
  if (passwordFile) return (await fs.readFile(passwordFile, 'utf8')).split(/\r?\n/)[0]!;
  if (!process.stdin.isTTY) return firstLineOfStdin();
  const password = await askHidden('Mật khẩu / Password: ');
  if ((await askHidden('Nhập lại / Repeat: ')) !== password) throw new CommandError('The two passwords differ; nothing was changed.');
  return password;
}

run(async () => {
  const { values } = parseArguments(
    {
      username: { type: 'string' },
      'display-name': { type: 'string', default: 'Quản trị hệ thống' },
      'password-file': { type: 'string' },
      force: { type: 'boolean', default: false },
    },
    USAGE,
  );
  if (!values.username) throw new CommandError(`--username is required.\nUsage: ${USAGE}`);
  const password = await readPassword(values['password-file']);
  // Checked before the server's code is loaded, so a refusal answers at once (the database check follows).
  const weakness = passwordWeakness(password, values.username);
  if (weakness) throw new CommandError(`WEAK_PASSWORD: ${weakness.vi}\nWEAK_PASSWORD: ${weakness.en}`);
  const [{ createAdministrator }, { withDatabase }] = await Promise.all([import('../../server/auth/index.ts'), import('./command.ts')]);
  await withDatabase(async ({ orm }) => {
    const { user, created } = await createAdministrator(orm.em.fork(), {
      username: values.username!,
      displayName: values['display-name'],
      password,
      force: values.force,
    });
    console.log(
      `${created ? 'Created' : 'Reset'} administrator "${user.username}" (id ${user.id}); the password must be changed at the first sign-in.`,
    );
  });
});
