import type { EntityManager } from '@mikro-orm/postgresql';
import { authorize, missingRow, type Actor } from '../access/index.ts';
import { recordAudit } from '../audit/index.ts';
import { CriteriaSet, Criterion } from '../criteria/index.ts';
import { linkStoredDocuments } from '../evidence/index.ts';
import { assertSheetEditable, lockSheetState, saveSelfScore } from '../scoring/index.ts';
import { domainError } from '../shared/errors.ts';
import type { Locale } from '../shared/i18n.ts';
import { documentsBehind, suggestionsFor } from './suggestion.read.ts';
import { SuggestionRule } from './suggestion.entity.ts';
import { checkBands } from './suggestion.logic.ts';
import type { AdoptSuggestionInput, SuggestionRuleInput } from './suggestion.types.ts';

/** The area a criterion sits in (its top ancestor's code) and whether it is a leaf: one statement. */
async function placeOf(em: EntityManager, criterionId: number): Promise<{ area: string; leaf: boolean } | null> {
  const [row] = await em.execute<{ area: string; leaf: boolean }[]>(
    `with recursive up as (select id, parent_id, code from criterion where id = ?
                           union all select c.id, c.parent_id, c.code from criterion c join up on c.id = up.parent_id)
     select (select code from up where parent_id is null) as area,
            not exists (select 1 from criterion child where child.parent_id = ?) as leaf
      where exists (select 1 from up)`,
    [criterionId, criterionId],
  );
  return row ?? null;
}

/** Sets (creates or replaces) how a sub-criterion of area 1 is suggested (secretariat). */
export async function setSuggestionRule(em: EntityManager, actor: Actor, input: SuggestionRuleInput): Promise<SuggestionRule> {
  authorize(actor, 'update', 'SuggestionRule');
  return em.transactional(async (tx) => {
    const criterion = await tx.findOne(Criterion, input.criterionId);
    if (!criterion) throw missingRow(actor, 'read', 'CriteriaSet', { vi: 'tiêu chí', en: 'Criterion' }, input.criterionId);
    const place = (await placeOf(tx, criterion.id))!;
    if (place.area !== '1' || !place.leaf) {
      throw domainError(
        'CRITERION_NOT_IN_AREA_1',
        {
          vi: `Tiêu chí ${criterion.code} không phải tiêu chí thành phần của lĩnh vực 1 (chỉ đạo, điều hành CCHC).`,
          en: `Criterion ${criterion.code} is not a sub-criterion of area 1 (direction of PAR).`,
        },
        { field: 'criterionId' },
      );
    }
    const bands = checkBands(input.bands, criterion.maxPoints);
    const existing = await tx.findOne(SuggestionRule, { criterion });
    const before = existing ? { measure: existing.measure, bands: existing.bands } : null;
    const rule =
      existing ??
      tx.create(SuggestionRule, {
        criteriaSet: tx.getReference(CriteriaSet, criterion.criteriaSet.id),
        criterion,
        measure: input.measure,
        bands,
      });
    Object.assign(rule, { measure: input.measure, bands });
    await tx.flush();
    recordAudit(tx, actor, {
      subjectType: 'SuggestionRule',
      subjectId: rule.id,
      action: 'suggestion-rule',
      before,
      after: { measure: input.measure, bands },
    });
    return rule;
  });
}

/**
 * The unit adopts the monitoring suggestion for a sub-criterion: the suggested points become its self-score, through
 * scoring's own save (the version the client saw, CONFLICT otherwise; audited), and the plans, task outputs and
 * inspection conclusions behind the facts are linked as its evidence, all in one transaction. Adopting again
 * changes nothing. Only who may change the sheet now (its unit's staff while it is open for self-scoring).
 */
export async function adoptSuggestion(em: EntityManager, actor: Actor, locale: Locale, input: AdoptSuggestionInput): Promise<void> {
  await em.transactional(async (tx) => {
    const sheet = await lockSheetState(tx, actor, input.sheetId, 'share', (state) => assertSheetEditable(actor, state));
    const suggestion = (await suggestionsFor(tx, sheet, locale)).find((row) => row.criterionId === input.criterionId);
    if (!suggestion) {
      throw domainError(
        'NO_SUGGESTION',
        {
          vi: 'Tiêu chí này không có gợi ý điểm từ hệ thống theo dõi CCHC.',
          en: 'The PAR monitoring system suggests no score for this criterion.',
        },
        { field: 'criterionId' },
      );
    }
    if (suggestion.suggestedPoints === null) {
      throw domainError(
        'SUGGESTION_NOT_READY',
        {
          vi: `Chưa đủ số liệu theo dõi để gợi ý điểm: ${suggestion.facts}`,
          en: `Not enough monitoring facts to suggest a score yet: ${suggestion.facts}`,
        },
        { field: 'criterionId', facts: suggestion.facts },
      );
    }
    const { scores } = await saveSelfScore(tx, actor, {
      sheetId: sheet.id,
      criterionId: input.criterionId,
      version: input.version,
      points: suggestion.suggestedPoints,
      applicable: true,
    });
    const documents = await documentsBehind(tx, sheet.unitId, sheet.year, suggestion.measure);
    const { evidenceIds, linked } = await linkStoredDocuments(tx, actor, sheet.id, input.criterionId, documents);
    // Adopting again, with the score and its links as they are, writes nothing.
    if (!scores && !linked) return;
    recordAudit(tx, actor, {
      subjectType: 'ScoreSheet',
      subjectId: sheet.id,
      sheetId: sheet.id,
      action: 'suggestion-adopt',
      after: {
        criterionId: input.criterionId,
        measure: suggestion.measure,
        value: suggestion.value,
        points: suggestion.suggestedPoints,
        evidenceIds,
      },
    });
  });
}
