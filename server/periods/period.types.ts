import { ArrayMaxSize, ArrayNotEmpty, IsInt, IsOptional, Length, Max, Min } from 'class-validator';
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { PeriodStatus } from './period.entity.ts';
import { registerEnum } from '../shared/graphql-enum.ts';

registerEnum(PeriodStatus, 'PeriodStatus');

@ObjectType('Period')
export class PeriodView {
  @Field(() => Int) id!: number;
  @Field(() => Int) year!: number;
  @Field() name!: string;
  @Field(() => PeriodStatus) status!: PeriodStatus;
  @Field() selfScoringClosesAt!: Date;
  @Field(() => Date, { nullable: true }) explanationClosesAt!: Date | null;
  @Field() createdAt!: Date;
  @Field(() => Int, { description: 'How often the period changed: send it back with `updatePeriod`; a stale version is a CONFLICT.' })
  version!: number;
}

@InputType()
export class CreatePeriodInput {
  @Field(() => Int) @IsInt() @Min(2000) @Max(2100) year!: number;
  @Field() @Length(1, 300) name!: string;
  @Field(() => [Int], { description: 'One criteria set per block, of the same year.' })
  @ArrayNotEmpty()
  @ArrayMaxSize(10)
  criteriaSetIds!: number[];
  @Field() selfScoringClosesAt!: Date;
  @Field(() => Date, { nullable: true }) explanationClosesAt?: Date | null;
}

@InputType()
export class UpdatePeriodInput {
  @Field(() => Int, { description: 'The `version` the edit was made on; CONFLICT when the period changed since.' }) version!: number;
  @Field({ nullable: true }) @IsOptional() @Length(1, 300) name?: string;
  @Field(() => [Int], { nullable: true, description: 'Only while PLANNED.' })
  @IsOptional()
  @ArrayNotEmpty()
  @ArrayMaxSize(10)
  criteriaSetIds?: number[];
  @Field({ nullable: true }) selfScoringClosesAt?: Date;
  @Field(() => Date, { nullable: true }) explanationClosesAt?: Date | null;
}
