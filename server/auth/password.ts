import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scrypt = (password: string, salt: Buffer, keyLength: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCallback(password, salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key))),
  );

const PARAMS = { N: 16384, r: 8, p: 1 };
const KEY_LENGTH = 32;

/** scrypt with a random salt; the parameters are stored with the hash so they can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password.normalize('NFC'), salt, KEY_LENGTH, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, N, r, p, salt, expected] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !expected) return false;
  const expectedKey = Buffer.from(expected, 'base64');
  const key = await scrypt(password.normalize('NFC'), Buffer.from(salt, 'base64'), expectedKey.length, {
    N: Number(N),
    r: Number(r),
    p: Number(p),
  });
  return timingSafeEqual(key, expectedKey);
}

let dummyHash: Promise<string> | undefined;
/** A hash of a random password, checked when the username is unknown: same timing, no user enumeration. */
export const dummyPasswordHash = () => (dummyHash ??= hashPassword(randomBytes(16).toString('hex')));

/** Letters and digits nobody misreads on a screen or over the phone (no 0/o, 1/l/i). */
const CODE_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const CODE_LENGTH = 16;

/**
 * A one-time sign-in code for an administrator to hand over (a new account, a reset): 16 characters of a
 * 31-letter alphabet (79 bits), shown in groups of four (`k7dm-x2qa-…`). Its hash is stored like a password's.
 */
export function newOneTimeCode(): string {
  const bytes = randomBytes(CODE_LENGTH * 2);
  let code = '';
  // Rejection sampling keeps every letter equally likely (256 is not a multiple of 31).
  for (const byte of bytes) {
    if (code.length === CODE_LENGTH) break;
    if (byte < 248) code += CODE_ALPHABET[byte % CODE_ALPHABET.length];
  }
  if (code.length < CODE_LENGTH) return newOneTimeCode();
  return code.match(/.{4}/g)!.join('-');
}

/** A code as typed (any case, with or without its dashes and spaces) in the form its hash was made of. */
export const normaliseOneTimeCode = (typed: string) => typed.toLowerCase().replace(/[\s-]/g, '');
