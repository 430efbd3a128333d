import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bilingual, type BilingualJson } from '../portal/src/shared/bilingual.ts';

const dir = path.resolve('portal/src');
const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('messages.json'));
const keys = (tree: unknown, prefix = ''): string[] =>
  Object.entries(tree as Record<string, unknown>).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keys(value, `${prefix}${key}.`),
  );

describe('the portal texts (messages.json)', () => {
  it.each(files)('%s gives every text in Vietnamese and in English, under the same keys', (file) => {
    const texts = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as BilingualJson;
    const { vi, en } = bilingual(texts);
    expect(keys(vi).length).toBeGreaterThan(0);
    expect(keys(en)).toEqual(keys(vi));
    expect(Object.keys(texts)).toEqual([path.dirname(file)]);
  });

  it('refuses a text without its translation, naming it', () => {
    expect(() => bilingual({ scoring: { saved: ['Đã lưu'] } })).toThrow(
      'Message "scoring.saved" needs exactly its Vietnamese and its English text.',
    );
    expect(() => bilingual({ scoring: { saved: ['Đã lưu', 'Saved', 'Gespeichert'] } })).toThrow('"scoring.saved"');
  });
});
