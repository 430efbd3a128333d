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
