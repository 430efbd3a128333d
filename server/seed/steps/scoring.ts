import type { EntityManager } from '@mikro-orm/postgresql';
import { Readable } from 'node:stream';
import { User } from '../../auth/index.ts';
import { Evidence, EvidenceLink, evidenceStorage, StoredFile, type EvidenceStorage } from '../../evidence/index.ts';
import { Period } from '../../periods/index.ts';
import { createSheet, Score, ScoreSheet } from '../../scoring/index.ts';
import { readConfig } from '../../shared/config.ts';
import { stageStream } from '../../shared/upload.ts';
import { Unit } from '../../units/index.ts';
import { demoPdf } from '../data/demo-pdf.ts';
import type { SeedStepDefinition } from '../seed.ts';

interface DemoDocument {
  key: string;
  fileName: string;
  documentNumber: string;
  issueDate: string;
  title: string;
}

const ISSUER = 'UBND thị xã Sơn Tây';

/** Illustrative documents (not real ones); the last is dated 2022, so the check shows a warning. */
const documents: DemoDocument[] = [
  {
    key: 'plan',
    fileName: 'KH 243-KH-UBND Kế hoạch CCHC 2023.pdf',
    documentNumber: '243/KH-UBND',
    issueDate: '2023-01-05',
    title: 'Kế hoạch cải cách hành chính năm 2023',
  },
  {
    key: 'report',
    fileName: 'BC 1520-BC-UBND Báo cáo CCHC năm 2023.pdf',
    documentNumber: '1520/BC-UBND',
    issueDate: '2023-12-15',
    title: 'Báo cáo kết quả thực hiện công tác cải cách hành chính năm 2023',
  },
  {
    key: 'inspection',
    fileName: 'KH 25-KH-UBND Kiểm tra CCHC 2023.pdf',
    documentNumber: '25/KH-UBND',
    issueDate: '2022-12-28',
    title: 'Kế hoạch kiểm tra công tác cải cách hành chính năm 2023',
  },
];

/** Sub-criterion → what Sơn Tây has entered so far; the rest of the sheet is still empty. */
const entries: Record<string, { points?: string; note?: string; evidence?: string[]; notApplicable?: string }> = {
  '1.1.1': { points: '1', evidence: ['plan'] },
  '1.1.2': { points: '2', evidence: ['plan', 'report'] },
  '1.1.3': { points: '1', note: 'Hoàn thành 12/12 nhiệm vụ CCHC được UBND Thành phố giao.', evidence: ['report'] },
  '1.2': { points: '1', evidence: ['report'] },
  '1.3.1': { points: '0.5', evidence: ['inspection'] },
  '1.3.2': { points: '0.25', note: 'Đã kiểm tra 11/15 xã, phường (73,3%).', evidence: ['report'] },
  '1.4.1': { points: '0.5', evidence: ['plan'] },
  '2.1.1': { points: '1.5', note: 'Năm 2023 không có văn bản bị cơ quan có thẩm quyền kết luận ban hành sai trình tự, thủ tục.' },
  '2.1.2': { points: '0.75', note: 'Kế hoạch triển khai Luật Thực hiện dân chủ ở cơ sở ban hành chậm 10 ngày.' },
  '3.1.3': { points: '0.45', note: 'Tỷ lệ 90% theo số liệu Cổng Dịch vụ công Thành phố ngày 15/12/2023.' },
  '3.2.1': { points: '1.92', note: 'Tỷ lệ đúng hạn 96,1% (Hệ thống thông tin giải quyết TTHC, trích xuất ngày 15/12/2023).' },
  '3.2.2': { notApplicable: 'Năm 2023 không có hồ sơ giải quyết quá hạn phải xin lỗi.' },
};

async function storeDocument(
  em: EntityManager,
  storage: EvidenceStorage,
  sheet: ScoreSheet,
  uploader: User,
  doc: DemoDocument,
): Promise<Evidence> {
  const content = demoPdf([
    ISSUER,
    `So: ${doc.documentNumber}`,
    `Ngay ban hanh: ${doc.issueDate}`,
    doc.title,
    '(Tai lieu minh hoa cho ban demo)',
  ]);
  const staged = await stageStream(storage.stagingDir, Readable.from([content]));
  await storage.put(staged.sha256, staged.path);
  const file =
    (await em.findOne(StoredFile, staged.sha256)) ??
    em.create(StoredFile, { sha256: staged.sha256, size: staged.size, contentType: 'application/pdf' });
  return em.create(Evidence, {
    sheet,
    file,
    fileName: doc.fileName,
    documentNumber: doc.documentNumber,
    issueDate: doc.issueDate,
    issuingBody: ISSUER,
    title: doc.title,
    uploadedBy: uploader,
  });
}

export const demoSontayScoringStep: SeedStepDefinition = {
  name: 'demo-sontay-scoring-2023',
  demoOnly: true,
  async run(em, options) {
    const period = await em.findOneOrFail(Period, { year: 2023 }, { orderBy: { id: 'asc' } });
    const unit = await em.findOneOrFail(Unit, { code: 'SONTAY' });
    const staff = await em.findOneOrFail(User, { username: 'sontay' });
    const [set] = await em.execute<{ id: number }[]>(
      `select cs.id from period_criteria_sets pcs join criteria_set cs on cs.id = pcs.criteria_set_id where pcs.period_id = ? and cs.block = ?`,
      [period.id, unit.block],
    );
    await createSheet(em, period.id, unit.id, set!.id);
    const sheet = await em.findOneOrFail(ScoreSheet, { period, unit });
    const scores = await em.find(Score, { sheet }, { populate: ['criterion'] });
    const storage = evidenceStorage(options.storage ?? readConfig());
    const evidence = new Map<string, Evidence>();
    for (const doc of documents) evidence.set(doc.key, await storeDocument(em, storage, sheet, staff, doc));
    for (const score of scores) {
      const entry = entries[score.criterion.code];
      if (!entry) continue;
      score.selfPoints = entry.points ?? null;
      score.note = entry.note ?? null;
      score.applicable = !entry.notApplicable;
      score.notApplicableReason = entry.notApplicable ?? null;
      score.updatedBy = staff;
      for (const key of entry.evidence ?? []) em.create(EvidenceLink, { score, evidence: evidence.get(key)!, linkedBy: staff });
    }
  },
};
