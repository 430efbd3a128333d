import { describedEnum, type EnumValue } from '../shared/enum.ts';

// Kept apart from the entity: the reader's worker thread uses it without loading the ORM.
/** What reading a stored file gave (see reading.service.ts); every outcome is a status, never an exception. */
export const ReadingStatus = describedEnum({
  PENDING: 'Not read yet.',
  READ: 'Text found; the fields hold what it states (each may be null).',
  NO_TEXT: 'A PDF or DOCX without text: a scan or an empty document.',
  NOT_READABLE_FORMAT: 'A format whose text is not read (images, spreadsheets, DOC, ZIP).',
  ENCRYPTED: 'A PDF that needs a password.',
  MALFORMED: 'Broken: its format’s parser refuses it.',
  TOO_LARGE: 'Reading it needs more memory than a reader is given (zip bomb, huge object).',
  TIMED_OUT: 'Reading it took longer than a reader is given.',
});
export type ReadingStatus = EnumValue<typeof ReadingStatus>;

/**
 * What the digital signatures of a PDF say, worst first when there are several. A configured root is one the
 * administrator configured; MALFORMED is a signature dictionary whose byte ranges, CMS structure or certificate
 * cannot be read.
 */
export const SignatureStatus = describedEnum({
  INTACT: 'Signed, intact: the signed bytes are unchanged and the signer’s chain leads to a configured root.',
  CHANGED: 'Signed, changed after signing: the signed bytes differ, or content was added after the last signature.',
  UNKNOWN_ISSUER: 'Signed, intact, but by a certificate of an issuer no configured root vouches for.',
  CERTIFICATE_NOT_VALID: 'Signed, intact, but the certificate had expired or was not yet valid when it signed.',
  MALFORMED: 'A signature that cannot be read.',
  NOT_SIGNED: 'No digital signature.',
});
export type SignatureStatus = EnumValue<typeof SignatureStatus>;
