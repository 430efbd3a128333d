export type Locale = 'vi' | 'en';

/** One text in both languages: Vietnamese first, English second. */
export type Bilingual = readonly [vi: string, en: string];
export interface BilingualTexts {
  readonly [key: string]: Bilingual | BilingualTexts;
}
/** The same tree as a feature's messages.json holds it: every list is checked to be one Vietnamese and one English text. */
export interface BilingualJson {
  readonly [key: string]: readonly string[] | BilingualJson;
}
export type LocaleMessages = Record<string, unknown>;

/**
 * Messages are written text by text, each Vietnamese text beside its English one (so neither can be forgotten, and a
 * translator reads both at once), in each feature's messages.json; this splits them into the tree per locale that
 * vue-i18n takes. A text without its translation (a list of other than two strings) stops the portal at start.
 */
export function bilingual(texts: BilingualTexts | BilingualJson): Record<Locale, LocaleMessages> {
  const inLocale = (tree: BilingualTexts | BilingualJson, index: 0 | 1, path: string): LocaleMessages =>
    Object.fromEntries(
      Object.entries(tree).map(([key, value]) => [
        key,
        isTexts(value) ? inLocale(value, index, `${path}${key}.`) : bilingualText(value, `${path}${key}`)[index],
      ]),
    );
  return { vi: inLocale(texts, 0, ''), en: inLocale(texts, 1, '') };
}

const isTexts = (value: readonly string[] | BilingualTexts | BilingualJson): value is BilingualTexts | BilingualJson =>
  !Array.isArray(value);

function bilingualText(value: readonly string[], path: string): Bilingual {
  if (value.length !== 2 || value.some((text) => typeof text !== 'string')) {
    throw new Error(`Message "${path}" needs exactly its Vietnamese and its English text.`);
  }
  return value as Bilingual;
}
