/**
 * What an official document states about itself, read from its text (Decree 30/2020/NĐ-CP layout:
 * issuing body top left, national motto top right, "Số: 243/KH-UBND", "Hà Nội, ngày 05 tháng 10
 * năm 2023", the type in capitals, then the title). Pure: lines of text in, fields out.
 */
export interface ReadCitation {
  documentNumber: string | null;
  /** YYYY-MM-DD. */
  issueDate: string | null;
  place: string | null;
  issuingBody: string | null;
  /** In capitals as printed, e.g. "KẾ HOẠCH"; inferred from the number's type abbreviation when no type line is found. */
  documentType: string | null;
  title: string | null;
}

/** Type lines of administrative documents, and the abbreviation each takes in a number (KH, QĐ…). */
const TYPES: Record<string, string> = {
  'NGHỊ QUYẾT': 'NQ',
  'QUYẾT ĐỊNH': 'QĐ',
  'CHỈ THỊ': 'CT',
  'QUY CHẾ': 'QC',
  'QUY ĐỊNH': 'QYĐ',
  'THÔNG CÁO': 'TC',
  'THÔNG BÁO': 'TB',
  'HƯỚNG DẪN': 'HD',
  'CHƯƠNG TRÌNH': 'CTr',
  'KẾ HOẠCH': 'KH',
  'PHƯƠNG ÁN': 'PA',
  'ĐỀ ÁN': 'ĐA',
  'DỰ ÁN': 'DA',
  'BÁO CÁO': 'BC',
  'BIÊN BẢN': 'BB',
  'TỜ TRÌNH': 'TTr',
  'HỢP ĐỒNG': 'HĐ',
  'CÔNG ĐIỆN': 'CĐ',
  'BẢN GHI NHỚ': 'BGN',
  'BẢN THỎA THUẬN': 'BTT',
  'GIẤY ỦY QUYỀN': 'GUQ',
  'GIẤY MỜI': 'GM',
  'GIẤY GIỚI THIỆU': 'GGT',
  'GIẤY NGHỈ PHÉP': 'GNP',
  'PHIẾU GỬI': 'PG',
  'PHIẾU CHUYỂN': 'PC',
  'PHIẾU BÁO': 'PB',
  'KẾT LUẬN': 'KL',
};
const TYPE_BY_ABBREVIATION = new Map(Object.entries(TYPES).map(([type, abbreviation]) => [abbreviation.toUpperCase(), type]));

/** "ỦY" and "UỶ" are the same letters with the tone mark placed differently; compare without the difference. */
const canonical = (text: string) => text.normalize('NFC').replace(/Uỷ/g, 'Ủy').replace(/UỶ/g, 'ỦY').replace(/uỷ/g, 'ủy');

const NUMBER = /S[ốoô]\s*[:.]?\s*(\d{1,6}(?:\s*\/\s*\d{4})?\s*\/\s*[\p{L}\p{N}]+(?:\s*-\s*[\p{L}\p{N}.]+)*)/iu;
const DATE = /(?:^|[,.;:\s])((?:[\p{L}][\p{L}.'’-]*\s*){1,6})?,?\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/iu;
const MOTTO = /CỘNG\s+HÒA\s+XÃ\s+HỘI|CỘNG\s+HOÀ\s+XÃ\s+HỘI|Độc\s+lập\s*[-–]\s*Tự\s+do/iu;
const SEPARATOR = /^[\s\-_–—=.*]+$/;
/** Where the body starts: the title is over by then. */
const BODY_START = /^(Căn\s+cứ|Thực\s+hiện|Kính\s+gửi|Theo\s+đề\s+nghị|Xét\s+đề\s+nghị|Để\s|Nhằm\s|I\.|1\.|Điều\s+1)/iu;

const upperShare = (text: string) => {
  const letters = text.replace(/[^\p{L}]/gu, '');
  return letters ? letters.replace(/[^\p{Lu}]/gu, '').length / letters.length : 0;
};

/** YYYY-MM-DD of a real calendar day, else null. */
function isoDate(day: string, month: string, year: string): string | null {
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  const iso = date.toISOString().slice(0, 10);
  return iso === `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}` ? iso : null;
}

const squeeze = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The number/symbol as written, without the spaces some generators put around "/" and "-". */
const cleanNumber = (text: string) => squeeze(text).replace(/\s*([/-])\s*/g, '$1');

/**
 * Reads the citation from the first lines of a document (at most the first 80 are looked at: the
 * header is at the top of page one). Fields it cannot find are null; it never throws.
 */
export function readCitation(allLines: readonly string[]): ReadCitation {
  const lines = allLines
    .slice(0, 80)
    .map((line) => squeeze(canonical(line)))
    .filter((line) => line && !SEPARATOR.test(line));
  const numberAt = lines.findIndex((line) => NUMBER.test(line));
  const numberMatch = numberAt >= 0 ? NUMBER.exec(lines[numberAt]!) : null;
  const documentNumber = numberMatch ? cleanNumber(numberMatch[1]!).slice(0, 100) : null;

  let issueDate: string | null = null;
  let place: string | null = null;
  for (const line of lines) {
    const match = DATE.exec(line);
    if (!match) continue;
    issueDate = isoDate(match[2]!, match[3]!, match[4]!);
    place = match[1] ? squeeze(match[1]).replace(/^(Số|So)\b.*$/iu, '') || null : null;
    if (issueDate) break;
  }

  const typeAt = lines.findIndex((line) => Object.hasOwn(TYPES, line.toUpperCase()) && line === line.toUpperCase());
  const symbol = documentNumber?.split('/').at(-1)?.split('-')[0]?.toUpperCase();
  const documentType = typeAt >= 0 ? lines[typeAt]! : symbol ? (TYPE_BY_ABBREVIATION.get(symbol) ?? null) : null;

  // The issuing body: capitals above the number (or the type line), less the motto.
  const headerEnd = numberAt >= 0 ? numberAt : typeAt >= 0 ? typeAt : Math.min(lines.length, 6);
  const body = lines
    .slice(0, headerEnd)
    .filter((line) => !MOTTO.test(line) && !DATE.test(line) && upperShare(line) > 0.8 && line.length <= 120);
  const issuingBody = body.length ? squeeze(body.join(' ')).slice(0, 300) : null;

  // The title: after the type line (or "V/v …" in a letter) until the body begins.
  let title: string | null = null;
  const subjectAt = lines.findIndex((line) => /^V\/v\b/iu.test(line));
  const titleFrom = typeAt >= 0 ? typeAt + 1 : subjectAt >= 0 ? subjectAt : -1;
  if (titleFrom >= 0) {
    const parts: string[] = [];
    for (const line of lines.slice(titleFrom, titleFrom + 4)) {
      if (BODY_START.test(line) || MOTTO.test(line) || DATE.test(line) || (parts.length > 0 && line.length > 160)) break;
      parts.push(line);
    }
    title = parts.length ? squeeze(parts.join(' ')).slice(0, 2000) : null;
  }
  return { documentNumber, issueDate, place, issuingBody, documentType, title };
}
