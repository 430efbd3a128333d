// The outer shell of every operator command, light enough to load before the server's code.
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A refusal the operator can act on: printed without a stack, exit status 1. */
export class CommandError extends Error {}

/** `parseArgs` of node:util, its complaints (unknown option, missing value) turned into a refusal with the usage. */
export function parseArguments<T extends ParseArgsConfig['options']>(options: T, usage: string) {
  try {
    return parseArgs({ options, strict: true, allowPositionals: true });
  } catch (error) {
    throw new CommandError(`${(error as Error).message}\nUsage: ${usage}`);
  }
}

/** Runs a command's main function: refusals print their message (both languages for domain errors) and exit 1. */
export function run(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      if (error instanceof CommandError) console.error(error.message);
      else if (isDomainError(error)) console.error(`${error.code}: ${error.messages.vi}\n${error.code}: ${error.messages.en}`);
      else console.error(error);
      process.exit(1);
    },
  );
}

/** The server's AppError, recognised by shape so this file need not load the server's error module. */
function isDomainError(error: unknown): error is { code: string; messages: { vi: string; en: string } } {
  return typeof error === 'object' && error !== null && 'code' in error && 'messages' in error;
}
