import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { ActorView } from '../auth/index.ts';

@ObjectType('Evidence', { simpleResolvers: true, description: 'An evidence document of a score sheet (tài liệu kiểm chứng).' })
export class EvidenceView {
  @Field(() => Int) id!: number;
  @Field(() => Int) sheetId!: number;
  @Field({ description: 'The uploaded file name (display and download only).' }) fileName!: string;
  @Field({ description: 'Detected from the content.' }) contentType!: string;
  @Field(() => Int, { description: 'Bytes.' }) size!: number;
  @Field({ description: 'SHA-256 of the content, lower-case hex.' }) sha256!: string;
  @Field(() => String, { nullable: true, description: 'Số, ký hiệu, e.g. "243/KH-UBND".' }) documentNumber!: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD.' }) issueDate!: string | null;
  @Field(() => String, { nullable: true }) issuingBody!: string | null;
  @Field(() => String, { nullable: true }) title!: string | null;
  @Field() uploadedAt!: Date;
  @Field(() => ActorView, { nullable: true }) uploadedBy!: ActorView | null;
  @Field({ description: 'GET it with the session cookie or a bearer token.' }) downloadUrl!: string;
  @Field(() => [Int], { description: 'The sub-criteria this document supports.' }) linkedCriterionIds!: number[];
}

@ObjectType('EvidenceLink', { simpleResolvers: true })
export class EvidenceLinkView {
  @Field(() => EvidenceView) evidence!: EvidenceView;
  @Field() linkedAt!: Date;
  @Field(() => String, { nullable: true, description: 'SHA-256 of the file as submitted; null while the sheet is a draft.' })
  frozenSha256!: string | null;
  @Field(() => Date, { nullable: true }) frozenAt!: Date | null;
}

/**
 * A document's citation. Strings are checked by the service (the upload route sends the same
 * fields as form fields), so both paths give the same error codes.
 */
@InputType()
export class EvidenceMetadataInput {
  @Field(() => String, { nullable: true, description: 'Số, ký hiệu, e.g. "243/KH-UBND" (at most 100 characters).' })
  documentNumber?: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD.' }) issueDate?: string | null;
  @Field(() => String, { nullable: true, description: 'At most 300 characters.' }) issuingBody?: string | null;
  @Field(() => String, { nullable: true, description: 'At most 2000 characters.' }) title?: string | null;
}

@InputType()
export class EvidenceLinkInput {
  @Field(() => Int) sheetId!: number;
  @Field(() => Int, { description: 'A sub-criterion of the sheet’s criteria set.' }) criterionId!: number;
  @Field(() => Int) evidenceId!: number;
}
