import { Field, Int, ObjectType } from 'type-graphql';
import { CriteriaSetView, CriterionView } from './criteria.types.ts';
import { stringEnum, type EnumValue } from '../shared/enum.ts';
import { registerEnum } from '../shared/graphql-enum.ts';

export const CriterionChangeKind = stringEnum('ADDED', 'REMOVED', 'CHANGED');
export type CriterionChangeKind = EnumValue<typeof CriterionChangeKind>;

/** The compared properties of a criterion. CODE and PARENT together say it moved. */
export const CriterionField = stringEnum(
  'CODE',
  'PARENT',
  'TITLE',
  'KIND',
  'MAX_POINTS',
  'SCORING_METHOD',
  'BANDS',
  'EVIDENCE_REQUIREMENT',
  'GUIDANCE',
);
export type CriterionField = EnumValue<typeof CriterionField>;

export const TextChangeKind = stringEnum('SAME', 'ADDED', 'REMOVED');
export type TextChangeKind = EnumValue<typeof TextChangeKind>;

registerEnum(CriterionChangeKind, 'CriterionChangeKind');
registerEnum(CriterionField, 'CriterionField', {
  valueDescriptions: {
    CODE: 'Renumbered (moved).',
    PARENT: 'Placed under another parent (moved); before/after are the parent codes.',
    BANDS: 'The scoring bands, as text ("label: min–max", one per line).',
  },
});
registerEnum(TextChangeKind, 'TextChangeKind');

@ObjectType('TextSegment', { simpleResolvers: true, description: 'A run of words kept, added or removed.' })
export class TextSegmentView {
  @Field(() => TextChangeKind) kind!: TextChangeKind;
  @Field() text!: string;
}

@ObjectType('CriterionFieldChange', { simpleResolvers: true })
export class CriterionFieldChangeView {
  @Field(() => CriterionField) field!: CriterionField;
  @Field(() => String, { nullable: true }) before!: string | null;
  @Field(() => String, { nullable: true }) after!: string | null;
  @Field(() => [TextSegmentView], { description: 'Word-level diff of before → after (text fields; empty for the others).' })
  segments!: TextSegmentView[];
}

@ObjectType('CriterionChange', { simpleResolvers: true, description: 'One criterion added, removed, or changed between two versions.' })
export class CriterionChangeView {
  @Field(() => CriterionChangeKind) kind!: CriterionChangeKind;
  @Field({ description: 'Code in the newer version (the older one for a removal).' }) code!: string;
  @Field() title!: string;
  @Field(() => CriterionView, { nullable: true, description: 'The criterion in the older version.' }) from!: CriterionView | null;
  @Field(() => CriterionView, { nullable: true, description: 'The criterion in the newer version.' }) to!: CriterionView | null;
  @Field({ description: 'Renumbered or placed under another parent.' }) moved!: boolean;
  @Field(() => [CriterionFieldChangeView], { description: 'Changed properties (CHANGED only).' }) fields!: CriterionFieldChangeView[];
}

@ObjectType('CriteriaDiffSummary', { simpleResolvers: true })
export class CriteriaDiffSummaryView {
  @Field(() => Int) added!: number;
  @Field(() => Int) removed!: number;
  @Field(() => Int) moved!: number;
  @Field(() => Int) retitled!: number;
  @Field(() => Int) maxPointsChanged!: number;
  @Field(() => Int, { description: 'Scoring method text or bands changed.' }) scoringMethodChanged!: number;
  @Field(() => Int) evidenceRequirementChanged!: number;
  @Field(() => Int) unchanged!: number;
}

@ObjectType('CriteriaSetDiff', { description: 'Structural diff between two versions of a criteria set.' })
export class CriteriaSetDiffView {
  @Field(() => CriteriaSetView) from!: CriteriaSetView;
  @Field(() => CriteriaSetView) to!: CriteriaSetView;
  @Field(() => [CriterionChangeView], { description: 'In the order of the newer tree; removals where they stood.' })
  changes!: CriterionChangeView[];
  @Field(() => CriteriaDiffSummaryView) summary!: CriteriaDiffSummaryView;
}
