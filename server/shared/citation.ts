/**
 * Comparing a document's citation as a unit typed it with what the file states (the evidence
 * module reads files, the scoring module's pre-submit check warns): written once, here.
 */

/** The citation fields that can disagree. */
export type CitationField = 'documentNumber' | 'issueDate' | 'issuingBody';

export interface Citation {
  documentNumber: string | null;
  /** YYYY-MM-DD. */
  issueDate: string | null;
  issuingBody: string | null;
}

/** Without diacritics, Đ as D, upper case, letters and digits only: "243/KH-UBND", "243/kh - ubnd" and "243-KH/UBND" agree. */
const letters = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'D')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();

/** Abbreviations a unit may type for the words the header spells out. */
const ABBREVIATIONS: [RegExp, string][] = [
  [/\bUBND\b/g, 'UY BAN NHAN DAN'],
  [/\bHDND\b/g, 'HOI DONG NHAN DAN'],
  [/\bTP\b/g, 'THANH PHO'],
];
const issuer = (text: string) => ABBREVIATIONS.reduce((result, [pattern, words]) => result.replace(pattern, words), letters(text));

/**
 * The fields where both sides have a value and they differ. Numbers compare without spacing,
 * punctuation and diacritics; bodies compare by words after expanding UBND/HĐND/TP, and agree when
 * one contains the other ("UBND thị xã Sơn Tây" against the header "ỦY BAN NHÂN DÂN THỊ XÃ SƠN TÂY").
 */
export function citationMismatches(entered: Citation, read: Citation): CitationField[] {
  const fields: CitationField[] = [];
  if (entered.documentNumber && read.documentNumber && letters(entered.documentNumber) !== letters(read.documentNumber)) {
    fields.push('documentNumber');
  }
  if (entered.issueDate && read.issueDate && entered.issueDate !== read.issueDate) fields.push('issueDate');
  if (entered.issuingBody && read.issuingBody) {
    const [a, b] = [issuer(entered.issuingBody), issuer(read.issuingBody)];
    if (!a.includes(b) && !b.includes(a)) fields.push('issuingBody');
  }
  return fields;
}
