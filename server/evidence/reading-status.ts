// Kept apart from the entity: the reader's worker thread uses it without loading the ORM.
/** What reading a stored file gave (see reading.service.ts); every outcome is a status, never an exception. */
export enum ReadingStatus {
  /** Waiting for a reader (uploads return before it is read). */
  PENDING = 'PENDING',
  /** Text found; the citation fields hold what it says (each may still be null). */
  READ = 'READ',
  /** A PDF or DOCX without text: a scan, or an empty document. */
  NO_TEXT = 'NO_TEXT',
  /** A format that is not read (images, spreadsheets, DOC, ZIP…). */
  NOT_READABLE_FORMAT = 'NOT_READABLE_FORMAT',
  /** A PDF that needs a password. */
  ENCRYPTED = 'ENCRYPTED',
  /** Broken: not a file its format's parser accepts. */
  MALFORMED = 'MALFORMED',
  /** Would need more memory than a reader is given (a zip bomb, a huge object). */
  TOO_LARGE = 'TOO_LARGE',
  /** Took longer than a reader is given. */
  TIMED_OUT = 'TIMED_OUT',
}

/** What the digital signatures of a PDF say, worst first when there are several. */
export enum SignatureStatus {
  /** Signed bytes intact and the signer's chain leads to a root the administrator configured, valid at signing. */
  INTACT = 'INTACT',
  /** The signed bytes no longer hash to the signed digest, or content was added after the last signature. */
  CHANGED = 'CHANGED',
  /** Intact, but the chain leads to no configured root (self-signed, another CA, or none configured). */
  UNKNOWN_ISSUER = 'UNKNOWN_ISSUER',
  /** Intact, but the certificate had expired (or was not yet valid) at the signing time. */
  CERTIFICATE_NOT_VALID = 'CERTIFICATE_NOT_VALID',
  /** A signature dictionary whose byte ranges, CMS structure or certificate cannot be read. */
  MALFORMED = 'MALFORMED',
  NOT_SIGNED = 'NOT_SIGNED',
}
