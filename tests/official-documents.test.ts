import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNTHESIS_COLUMNS } from '../server/consultation/synthesis.export.ts';
import { startTestApp, type TestApp } from './support/app.ts';
import { docxParagraphs, docxTableRows, documentXml } from './support/docx.ts';
import { scoringContext } from './support/scoring.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const download = (path: string, token?: string) => fetch(`${t.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

describe('official documents out (.docx, Decree 30 layout)', () => {
  it('gives the secretariat the consultation synthesis as a .docx whose table rows read back as the synthesis', async () => {
    const secretariat = await t.login('secretariat');
    const listed = await t.gql(
      `{ consultations { id title synthesisDocxUrl summary { unitsInvited unitsAnswered unitsNotAnswered }
         synthesis { unitName criterionCode text explanation } } }`,
      {},
      { token: secretariat },
    );
    const consultation = listed.data.consultations.find((row: { synthesis: unknown[] | null }) => row.synthesis?.length);
    expect(consultation.synthesisDocxUrl).toBe(`/api/consultation/${consultation.id}/synthesis.docx`);

    const response = await download(consultation.synthesisDocxUrl, secretariat);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(response.headers.get('content-disposition')).toContain(`tong-hop-y-kien-${consultation.id}.docx`);
    const docx = Buffer.from(await response.arrayBuffer());

    const rows = docxTableRows(docx);
    const header = rows.findIndex((row) => row[0] === 'STT');
    expect(rows[header]).toEqual(SYNTHESIS_COLUMNS.map((column) => column.header));
    const body = rows.slice(header + 1, header + 1 + consultation.synthesis.length);
    expect(body).toHaveLength(consultation.synthesis.length);
    body.forEach((row, index) => {
      const expected = consultation.synthesis[index];
      expect(row[0]).toBe(String(index + 1));
      expect(row[1]).toBe(expected.criterionCode ?? '');
      expect(row[3]).toBe(expected.unitName);
      expect(row[5]).toBe(expected.text.normalize('NFC'));
      expect(row[8]).toBe((expected.explanation ?? '').normalize('NFC'));
    });

    // The state format: motto and issuing body side by side, the number left blank, the counts in the introduction.
    const [top] = rows;
    expect(top![0]).toContain('SỞ NỘI VỤ');
    expect(top![0]).toContain('Số:        /BC-SNV');
    expect(top![1]).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc');
    expect(top![1]).toMatch(/Hà Nội, ngày\s+tháng\s+năm \d{4}/);
    const paragraphs = docxParagraphs(docx);
    expect(paragraphs).toContain('BẢNG TỔNG HỢP');
    expect(paragraphs).toContain(`Số đơn vị được lấy ý kiến: ${consultation.summary.unitsInvited}.`);
    expect(paragraphs).toContain(`Số đơn vị không có ý kiến trả lời (coi như nhất trí): ${consultation.summary.unitsNotAnswered}.`);
    const xml = documentXml(docx);
    expect(xml).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
    expect(xml).toContain('w:ascii="Times New Roman"');
  });

  it('refuses the .docx to those who may not read the synthesis, like the .xlsx', async () => {
    const secretariat = await t.login('secretariat');
    const { id } = (await t.gql('{ consultations { id } }', {}, { token: secretariat })).data.consultations[0];
    expect((await download(`/api/consultation/${id}/synthesis.docx`)).status).toBe(401);
    const unit = await download(`/api/consultation/${id}/synthesis.docx`, await t.login('thanhoai'));
    expect([403, 404]).toContain(unit.status);
    const missing = await download('/api/consultation/987654/synthesis.docx', secretariat);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });

  it('gives a unit its self-assessment report with the documents cited for each sub-criterion', async () => {
    const { sontay, periodId, unitId } = await scoringContext(t);
    const [cited] = await t.orm.em.getConnection().execute<{ code: string; document_number: string; issue_date: string }[]>(
      `select c.code, e.document_number, to_char(e.issue_date, 'DD/MM/YYYY') as issue_date
         from evidence_link l join evidence e on e.id = l.evidence_id join score sc on sc.id = l.score_id
         join criterion c on c.id = sc.criterion_id join score_sheet sh on sh.id = sc.sheet_id
        where sh.unit_id = ? and sh.period_id = ? and e.document_number is not null and e.issue_date is not null
        order by c.code limit 1`,
      [unitId('SONTAY'), periodId],
    );
    expect(cited).toBeDefined();

    const response = await download(`/api/results/score-sheet.docx?periodId=${periodId}&unitId=${unitId('SONTAY')}`, sontay);
    expect(response.status).toBe(200);
    const docx = Buffer.from(await response.arrayBuffer());
    const rows = docxTableRows(docx);
    const row = rows.find((cells) => cells[0] === cited!.code)!;
    expect(row[4]).toContain(`${cited!.document_number} ngày ${cited!.issue_date}`);
    // The district committee issues it under its own name, dated at its own place.
    expect(rows[0]![0]).toContain('THỊ XÃ SƠN TÂY');
    expect(rows[0]![1]).toMatch(/Sơn Tây, ngày\s+tháng\s+năm \d{4}/);
    expect(docxParagraphs(docx)).toContain('Kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm 2023');

    // Another unit's report is not Sơn Tây's to read.
    const other = await download(`/api/results/score-sheet.docx?periodId=${periodId}&unitId=${unitId('THANHOAI')}`, sontay);
    expect(other.status).toBe(403);
  });
});
