import { Field, Int, ObjectType } from 'type-graphql';
import { describedEnum, type EnumValue } from '../shared/enum.ts';
import { registerEnum } from '../shared/graphql-enum.ts';

export const AuditChainProblem = describedEnum({
  UNSEALED: 'The row has half a seal: a place without a hash or a hash without a place (edited past the triggers).',
  SEQUENCE_GAP: 'The row’s place does not follow the previous one: rows were removed or inserted.',
  PREVIOUS_HASH_MISMATCH: 'The row does not carry the previous row’s hash: rows were removed or reordered.',
  CONTENT_HASH_MISMATCH: 'The row’s content no longer gives its hash: the row was edited.',
});
export type AuditChainProblem = EnumValue<typeof AuditChainProblem>;
registerEnum(AuditChainProblem, 'AuditChainProblem');

@ObjectType('AuditChainBreak', { description: 'The first broken link of the audit chain.' })
export class AuditChainBreakView {
  @Field(() => Int, { description: 'audit_entry id of the row where the chain breaks.' }) id!: number;
  @Field(() => String, { nullable: true, description: 'Its place in the chain (null when unsealed).' }) seq!: string | null;
  @Field(() => AuditChainProblem) problem!: AuditChainProblem;
}

@ObjectType('AuditChainReport', { description: 'The audit trail’s hash chain, checked row by row.' })
export class AuditChainReportView {
  @Field(() => Int, { description: 'Rows checked.' }) entries!: number;
  @Field(() => String, { nullable: true, description: 'SHA-256 of the last row: kept aside, it shows a later rewrite of the whole chain.' })
  headHash!: string | null;
  @Field(() => AuditChainBreakView, { nullable: true, description: 'Null when every link holds.' })
  firstBroken!: AuditChainBreakView | null;
}
