import type { EntityManager } from '@mikro-orm/postgresql';
import type { ScoringBand } from '../criteria/index.ts';
import type { UnitBlock } from '../units/index.ts';
import { FeedbackCommentStatus, FeedbackResolution, type FeedbackAspect, type FeedbackResponseStatus } from './feedback.entity.ts';

/** The criterion of a later version that an answer names as the change it made (`FeedbackResponse.revisedCriterion`). */
export interface RevisedCriterion {
  code: string;
  scoringMethod: string | null;
  evidenceRequirement: string | null;
  maxPoints: string;
  bands: ScoringBand[];
  isLeaf: boolean;
}

/** A comment the department took up, wholly or in part, with what the data holds of the change it asked for. */
export interface AcceptedComment {
  commentId: number;
  block: UnitBlock;
  /** Code of the commented criterion in the round's draft; null for a comment on the whole draft. */
  criterionCode: string | null;
  aspect: FeedbackAspect;
  proposedWording: string | null;
  unitName: string;
  resolution: FeedbackResolution;
  responseStatus: FeedbackResponseStatus;
  revised: RevisedCriterion | null;
}

/**
 * The comments of every consultation round on a draft of `year` that are still active and answered as accepted or
 * partially accepted, by block then comment. What the rollover can apply to next year's drafts is decided from this.
 */
export async function acceptedComments(em: EntityManager, year: number): Promise<AcceptedComment[]> {
  const rows = await em.getConnection().execute<(Omit<AcceptedComment, 'revised'> & { revisedCode: string | null } & RevisedColumns)[]>(
    `select c.id as "commentId", cs.block, cr.code as "criterionCode", c.aspect, c.proposed_wording as "proposedWording",
            u.name as "unitName", r.resolution, r.status as "responseStatus",
            rc.code as "revisedCode", rc.scoring_method as "revisedScoringMethod",
            rc.evidence_requirement as "revisedEvidenceRequirement", rc.max_points::text as "revisedMaxPoints",
            rc.bands as "revisedBands", not exists (select 1 from criterion ch where ch.parent_id = rc.id) as "revisedIsLeaf"
       from feedback_comment c
       join feedback_response r on r.comment_id = c.id
       join consultation k on k.id = c.consultation_id
       join criteria_set cs on cs.id = k.criteria_set_id
       join unit u on u.id = c.unit_id
       left join criterion cr on cr.id = c.criterion_id
       left join criterion rc on rc.id = r.revised_criterion_id
      where cs.year = ? and c.status = ? and r.resolution in (?, ?)
      order by cs.block, c.id`,
    [year, FeedbackCommentStatus.ACTIVE, FeedbackResolution.ACCEPTED, FeedbackResolution.PARTIALLY_ACCEPTED],
  );
  return rows.map(
    ({ revisedCode, revisedScoringMethod, revisedEvidenceRequirement, revisedMaxPoints, revisedBands, revisedIsLeaf, ...row }) => ({
      ...row,
      revised:
        revisedCode === null
          ? null
          : {
              code: revisedCode,
              scoringMethod: revisedScoringMethod,
              evidenceRequirement: revisedEvidenceRequirement,
              maxPoints: revisedMaxPoints!,
              bands: revisedBands ?? [],
              isLeaf: revisedIsLeaf,
            },
    }),
  );
}

interface RevisedColumns {
  revisedScoringMethod: string | null;
  revisedEvidenceRequirement: string | null;
  revisedMaxPoints: string | null;
  revisedBands: ScoringBand[] | null;
  revisedIsLeaf: boolean;
}
