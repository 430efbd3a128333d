import { ArrayMaxSize, IsInt, IsOptional, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { DecimalScalar } from '../shared/decimal.ts';
import { UnitBlock } from '../units/index.ts';
import { CriteriaSetStatus, CriterionKind } from './criteria.entity.ts';
import { registerEnum } from '../shared/graphql-enum.ts';

registerEnum(CriteriaSetStatus, 'CriteriaSetStatus');
registerEnum(CriterionKind, 'CriterionKind');

@ObjectType('ScoringBand', { simpleResolvers: true, description: 'A fixed value (min = max) or a range of points a leaf may receive.' })
export class ScoringBandView {
  @Field() label!: string;
  @Field(() => DecimalScalar) minPoints!: string;
  @Field(() => DecimalScalar) maxPoints!: string;
}

/** Read model of a criterion, assembled in memory from one query per set (see criteria.read.ts). */
@ObjectType('Criterion', { simpleResolvers: true, description: 'A node of the criteria tree; leaves (sub-criteria) are scored.' })
export class CriterionView {
  @Field(() => Int) id!: number;
  @Field(() => Int) criteriaSetId!: number;
  @Field(() => Int, { nullable: true }) parentId!: number | null;
  @Field(() => CriterionView, { nullable: true }) parent!: CriterionView | null;
  @Field(() => [CriterionView], { description: 'Children in order.' }) children!: CriterionView[];
  @Field(() => Int, { description: '1 = area, 2 = criterion, 3 = sub-criterion, …' }) level!: number;
  @Field() isLeaf!: boolean;
  @Field() code!: string;
  @Field() title!: string;
  @Field(() => String, { nullable: true }) guidance!: string | null;
  @Field(() => DecimalScalar, { description: 'For a parent, the sum of its children.' }) maxPoints!: string;
  @Field(() => CriterionKind) kind!: CriterionKind;
  @Field(() => String, { nullable: true }) scoringMethod!: string | null;
  @Field(() => [ScoringBandView]) bands!: ScoringBandView[];
  @Field(() => String, { nullable: true }) evidenceRequirement!: string | null;
  @Field(() => Int) position!: number;
  @Field(() => Int, {
    description:
      'How often the criterion was edited (not the set’s edition): send it back with `updateCriterion`; a stale version is a CONFLICT.',
  })
  version!: number;
}

@ObjectType('CriteriaSet', { description: 'One version of the criteria for a block and year.' })
export class CriteriaSetView {
  @Field(() => Int) id!: number;
  @Field(() => Int) year!: number;
  @Field(() => UnitBlock) block!: UnitBlock;
  @Field(() => Int) version!: number;
  @Field() title!: string;
  @Field(() => CriteriaSetStatus) status!: CriteriaSetStatus;
  @Field(() => Int, { nullable: true }) previousVersionId!: number | null;
  @Field() createdAt!: Date;
  @Field(() => Date, { nullable: true }) publishedAt!: Date | null;
}

@InputType()
export class CriteriaSetFilter {
  @Field(() => Int, { nullable: true }) year?: number;
  @Field(() => UnitBlock, { nullable: true }) block?: UnitBlock;
  @Field(() => [CriteriaSetStatus], { nullable: true }) status?: CriteriaSetStatus[];
}

@InputType()
export class CreateCriteriaSetInput {
  @Field(() => Int, { nullable: true, description: 'Defaults to the copied set’s year.' })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
  @Field(() => UnitBlock, { nullable: true, description: 'Defaults to the copied set’s block; required for an empty set.' })
  block?: UnitBlock;
  @Field({ nullable: true }) @IsOptional() @Length(1, 500) title?: string;
  @Field(() => Int, { nullable: true, description: 'Copy the criteria of this set; the new set records it as its previous version.' })
  copyFromId?: number;
}

@InputType()
export class ScoringBandInput {
  @Field() @Length(1, 300) label!: string;
  @Field(() => DecimalScalar) minPoints!: string;
  @Field(() => DecimalScalar) maxPoints!: string;
}

const CODE = /^[0-9A-Za-z]+([.-][0-9A-Za-z]+)*$/;

/** Fields shared by adding and editing; all optional when editing. */
@InputType()
export class CriterionFieldsInput {
  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 32)
  @Matches(CODE, { message: 'code looks like 3.2.1' })
  code?: string;
  @Field({ nullable: true }) @IsOptional() @Length(1, 2000) title?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(10000) guidance?: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Leaves only: a parent’s maximum is the sum of its children.' })
  maxPoints?: string;
  @Field(() => CriterionKind, { nullable: true }) kind?: CriterionKind;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(10000) scoringMethod?: string | null;
  @Field(() => [ScoringBandInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  bands?: ScoringBandInput[];
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(10000) evidenceRequirement?: string | null;
}

@InputType()
export class UpdateCriterionInput extends CriterionFieldsInput {
  @Field(() => Int, { description: 'The `version` the edit was made on; CONFLICT when the criterion changed since.' }) version!: number;
}

@InputType()
export class AddCriterionInput extends CriterionFieldsInput {
  @Field(() => Int) criteriaSetId!: number;
  @Field(() => Int, { nullable: true, description: 'Omit for a new area (top level).' }) parentId?: number | null;
  @Field(() => Int, { nullable: true, description: 'Position among the siblings, from 0; default last.' })
  @IsOptional()
  @Min(0)
  position?: number;
}

@InputType()
export class MoveCriterionInput {
  @Field(() => Int) id!: number;
  @Field(() => Int, { nullable: true, description: 'New parent; omit or null for top level.' }) parentId?: number | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @Min(0) position?: number;
}
