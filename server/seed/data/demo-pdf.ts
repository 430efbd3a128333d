/**
 * A small valid one-page PDF with a few lines of text, written from scratch so the demo and the
 * tests need no binary files. The standard Helvetica font is not embedded; letters outside ASCII
 * (Vietnamese diacritics) get codes 128–255 named `uniXXXX` in the font's /Differences, so the
 * text layer reads back as the same Unicode text (a viewer draws them with a substitute font).
 */
export function demoPdf(lines: string[]): Buffer {
  const text = lines.map((line) => line.normalize('NFC'));
  const extra = [...new Set(text.join('').replace(/[\x20-\x7e]/g, ''))].slice(0, 128);
  const codeOf = new Map(extra.map((char, index) => [char, 128 + index]));
  const encode = (line: string) =>
    [...line]
      .map((char) => {
        if (char === '\\' || char === '(' || char === ')') return `\\${char}`;
        if (/[\x20-\x7e]/.test(char)) return char;
        const code = codeOf.get(char);
        return code === undefined ? '?' : `\\${code.toString(8)}`;
      })
      .join('');
  const differences = extra.map((char) => `/uni${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ');
  const content = ['BT', '/F1 12 Tf', '16 TL', '56 780 Td', ...text.map((line) => `(${encode(line)}) '`), 'ET'].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    `<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [128 ${differences}] >> >>`,
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
  ];
  return writePdf(objects);
}

/** Objects numbered from 1 (the first is the catalog) written out with a correct cross-reference table. */
export function writePdf(objects: string[], trailerExtra = ''): Buffer {
  let body = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${trailerExtra ? ` ${trailerExtra}` : ''} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
