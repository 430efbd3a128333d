import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = path.resolve('portal/src');
const pages = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.vue'));

describe('the portal forms', () => {
  // The browser's own validation bubble speaks the browser's language, not the portal's (shared/validation.ts).
  it.each(pages.filter((file) => readFileSync(path.join(dir, file), 'utf8').includes('<form')))(
    '%s checks its forms with v-validate (or has no rules: novalidate)',
    (file) => {
      const forms = readFileSync(path.join(dir, file), 'utf8').match(/<form\b[^>]*>/g) ?? [];
      for (const form of forms) expect(form).toMatch(/\s(v-validate|novalidate)[\s>]/);
    },
  );
});
