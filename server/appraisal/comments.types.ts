import { IsOptional, Length } from 'class-validator';
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { describedEnum, type EnumValue } from '../shared/enum.ts';
import { registerEnum } from '../shared/graphql-enum.ts';

export const CommentSide = describedEnum({
  UNIT: 'Written by someone of the unit whose sheet it is.',
  APPRAISAL: 'Written by an appraiser or the secretariat.',
});
export type CommentSide = EnumValue<typeof CommentSide>;
registerEnum(CommentSide, 'CommentSide');

@ObjectType('CommentRevision', { description: 'An earlier text of an edited comment.' })
export class CommentRevisionView {
  @Field() body!: string;
  @Field({ description: 'When this text was written.' }) writtenAt!: Date;
  @Field({ description: 'When it was replaced.' }) replacedAt!: Date;
}

@ObjectType('Comment')
export class CommentView {
  @Field(() => Int) id!: number;
  @Field(() => Int) scoreId!: number;
  @Field(() => Int, { nullable: true, description: 'Set when the comment is about one evidence document.' }) evidenceId!: number | null;
  @Field(() => Int, { nullable: true, description: 'The comment this one answers.' }) parentId!: number | null;
  @Field(() => Int) authorId!: number;
  @Field() authorName!: string;
  @Field(() => CommentSide) authorSide!: CommentSide;
  @Field() body!: string;
  @Field() createdAt!: Date;
  @Field(() => Date, { nullable: true }) editedAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'Threads (root comments) only.' }) resolvedAt!: Date | null;
  @Field(() => String, { nullable: true }) resolvedByName!: string | null;
  @Field({ description: 'Written by someone else since the caller last read this sub-criterion’s comments.' }) isNew!: boolean;
  @Field(() => Int) version!: number;
}

@InputType()
export class AddCommentInput {
  @Field(() => Int) scoreId!: number;
  @Field(() => Int, { nullable: true, description: 'Comment on one evidence document of the sub-criterion.' }) evidenceId?: number | null;
  @Field(() => Int, { nullable: true, description: 'Reply to this comment.' }) parentId?: number | null;
  @Field() @Length(1, 5000) body!: string;
}

@InputType()
export class EditCommentInput {
  @Field(() => Int) id!: number;
  @Field() @Length(1, 5000) body!: string;
  @Field(() => Int) version!: number;
}

@InputType()
export class CommentFilter {
  @Field(() => Int, { nullable: true, description: 'Only the thread about this evidence document.' }) @IsOptional() evidenceId?: number;
}
