import type { EntityManager } from '@mikro-orm/postgresql';
import { authorize, missingRow, type Actor } from '../access/index.ts';
import { recordAudit } from '../audit/index.ts';
import { CriteriaSet, Criterion } from '../criteria/index.ts';
import { domainError } from '../shared/errors.ts';
import { SuggestionRule } from './suggestion.entity.ts';
import { checkBands } from './suggestion.logic.ts';
import type { SuggestionRuleInput } from './suggestion.types.ts';

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
