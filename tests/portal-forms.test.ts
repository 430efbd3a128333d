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

/**
 * The calls of the browser's own alert/confirm/prompt boxes in a source: `window.x(` (or globalThis., self.) always, a
 * bare `x(` unless the file defines its own function of that name (RolloverPage's `confirm()`); never a method `.x(`,
 * nor a word in a comment ("a refusal as an alert (read out at once)").
 */
function browserBoxes(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\/|<!--[\s\S]*?-->|(?<![:'"`])\/\/.*$/gm, '');
  const own = new Set([...code.matchAll(/function\s+(alert|confirm|prompt)\s*\(/g)].map((match) => match[1]));
  const qualified = [...code.matchAll(/\b(?:window|globalThis|self)\s*\.\s*(?:alert|confirm|prompt)\s*\(/g)].map((match) => match[0]);
  const bare = [...code.matchAll(/(?<![\w.$]|\.\s+|function\s+)(alert|confirm|prompt)\s*\(/g)]
    .filter((match) => !own.has(match[1]))
    .map((match) => match[0]);
  return [...qualified, ...bare];
}

describe('the portal’s questions', () => {
  // The browser's boxes speak the browser's language (English buttons) and follow none of the portal's rules.
  const sources = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => /\.(vue|ts)$/.test(file));

  it('finds a browser box where one is written, and not a method or the page’s own function of that name', () => {
    expect(browserBoxes('const reason = window.prompt(t("x"));')).toEqual(['window.prompt(']);
    expect(browserBoxes('if (!confirm(question)) return;\nalert (message);')).toEqual(['confirm(', 'alert (']);
    expect(browserBoxes('async function confirm() {}\nreturn confirm();\nglobalThis.confirm(x);')).toEqual(['globalThis.confirm(']);
    expect(browserBoxes('dialog.confirm(x); askToConfirm({ message }); const prompted = 1;')).toEqual([]);
    expect(browserBoxes('/** Said as an alert (read out). */\n// confirm (twice)\n<!-- a prompt (here) -->')).toEqual([]);
  });

  it.each(sources)('%s asks through the portal’s dialog (askToConfirm, askForText), never the browser’s box', (file) => {
    expect(browserBoxes(readFileSync(path.join(dir, file), 'utf8'))).toEqual([]);
  });
});
