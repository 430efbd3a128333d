import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { ActorView } from '../auth/index.ts';
import { ReadingStatus, SignatureStatus } from './reading-status.ts';
import { stringEnum, type EnumValue } from '../shared/enum.ts';
import { registerEnum } from '../shared/graphql-enum.ts';

registerEnum(ReadingStatus, 'ReadingStatus', {
  description: 'What reading an evidence file gave: its text is read in the background after upload.',
});
registerEnum(SignatureStatus, 'SignatureStatus', {
  description: 'What the digital signatures of a PDF say (the worst of them when there are several).',
});

@ObjectType('DocumentSignature', {
  simpleResolvers: true,
  description: 'One digital signature of a PDF, as checked when the file was read.',
})
export class DocumentSignatureView {
  @Field(() => SignatureStatus) status!: SignatureStatus;
  @Field(() => String, { nullable: true, description: 'The certificate’s common name: the person, or the organisation’s seal.' })
  signerName!: string | null;
  @Field(() => String, { nullable: true }) organization!: string | null;
  @Field(() => String, { nullable: true, description: 'The issuing CA’s common name.' }) issuerName!: string | null;
  @Field(() => Date, { nullable: true, description: 'From the signed attributes.' }) signingTime!: Date | null;
  @Field(() => Date, { nullable: true }) certificateValidFrom!: Date | null;
  @Field(() => Date, { nullable: true }) certificateValidTo!: Date | null;
  @Field(() => Boolean, { nullable: true, description: 'The certificate was valid at the signing time.' }) validAtSigning!: boolean | null;
}

/** A citation field where what the unit entered differs from what the file states (values match shared/citation.ts). */
export const CitationMismatch = stringEnum('DOCUMENT_NUMBER', 'ISSUE_DATE', 'ISSUING_BODY');
export type CitationMismatch = EnumValue<typeof CitationMismatch>;
registerEnum(CitationMismatch, 'CitationMismatch');

@ObjectType('DocumentReading', {
  simpleResolvers: true,
  description: 'What the file states about itself (Decree 30/2020 header), read from its text layer; the unit’s entry is beside it.',
})
export class DocumentReadingView {
  @Field(() => ReadingStatus) status!: ReadingStatus;
  @Field(() => String, { nullable: true, description: 'Số, ký hiệu as printed, e.g. "243/KH-UBND".' }) documentNumber!: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, from "…, ngày 05 tháng 10 năm 2023".' }) issueDate!: string | null;
  @Field(() => String, { nullable: true, description: 'The place before the date, e.g. "Hà Nội".' }) place!: string | null;
  @Field(() => String, { nullable: true, description: 'The header block above the number, e.g. "ỦY BAN NHÂN DÂN THỊ XÃ SƠN TÂY".' })
  issuingBody!: string | null;
  @Field(() => String, { nullable: true, description: 'KẾ HOẠCH, QUYẾT ĐỊNH, BÁO CÁO…' }) documentType!: string | null;
  @Field(() => String, { nullable: true }) title!: string | null;
  @Field(() => Int, { nullable: true, description: 'PDF pages (the first two are read).' }) pageCount!: number | null;
  @Field(() => SignatureStatus, { nullable: true, description: 'PDFs only; null for other formats and while pending.' })
  signatureStatus!: SignatureStatus | null;
  @Field(() => [DocumentSignatureView]) signatures!: DocumentSignatureView[];
  @Field(() => Date, { nullable: true }) readAt!: Date | null;
}

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
  @Field(() => Int, {
    description: 'How often the citation changed: send it back with `updateEvidence`; a stale version is a CONFLICT.',
  })
  version!: number;
  @Field({ description: 'GET it with the session cookie or a bearer token.' }) downloadUrl!: string;
  @Field(() => [Int], { description: 'The sub-criteria this document supports.' }) linkedCriterionIds!: number[];
  @Field(() => DocumentReadingView, {
    nullable: true,
    description: 'What the file itself states; null for files stored before reading existed, until the job reads them.',
  })
  reading!: DocumentReadingView | null;
  @Field(() => [CitationMismatch], {
    description: 'Fields where the entered citation differs from what the file states (both present); empty while unread.',
  })
  mismatches!: CitationMismatch[];
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
export class UpdateEvidenceInput extends EvidenceMetadataInput {
  @Field(() => Int, { description: 'The `version` the edit was made on; CONFLICT when the citation changed since.' }) version!: number;
}

@InputType()
export class EvidenceLinkInput {
  @Field(() => Int) sheetId!: number;
  @Field(() => Int, { description: 'A sub-criterion of the sheet’s criteria set.' }) criterionId!: number;
  @Field(() => Int) evidenceId!: number;
}
