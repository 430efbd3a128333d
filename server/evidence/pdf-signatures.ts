import { constants, createHash, createPublicKey, verify } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { SignatureStatus } from './reading-status.ts';

/** One digital signature of a PDF as checked: who signed, when, and whether the signed bytes are intact. */
export interface PdfSignature {
  status: SignatureStatus;
  /** The signer certificate's common name (a person, or the organisation's seal). */
  signerName: string | null;
  organization: string | null;
  issuerName: string | null;
  signingTime: string | null;
  certificateValidFrom: string | null;
  certificateValidTo: string | null;
  /** The certificate was within its validity at the signing time (null when neither is known). */
  validAtSigning: boolean | null;
  /** The signed byte ranges reach the end of the file: nothing was added after this signature. */
  coversWholeFile: boolean;
  /** Why it is MALFORMED, CHANGED or not trusted, for the administrator. */
  detail: string | null;
}

/** Worst first: the document shows the worst of its signatures. */
const SEVERITY = [
  SignatureStatus.CHANGED,
  SignatureStatus.MALFORMED,
  SignatureStatus.CERTIFICATE_NOT_VALID,
  SignatureStatus.UNKNOWN_ISSUER,
  SignatureStatus.INTACT,
];

export function documentSignatureStatus(signatures: PdfSignature[]): SignatureStatus {
  if (signatures.length === 0) return SignatureStatus.NOT_SIGNED;
  return SEVERITY.find((status) => signatures.some((signature) => signature.status === status)) ?? SignatureStatus.MALFORMED;
}

const OID = {
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signedData: '1.2.840.113549.1.7.2',
};
const HASHES: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};
/** Signature dictionaries beyond this many are not checked (a real document has a handful). */
const MAX_SIGNATURES = 20;
const BYTE_RANGE = /^\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/;

const nameField = (name: pkijs.RelativeDistinguishedNames, oid: string): string | null => {
  const value = name.typesAndValues.find((attribute) => attribute.type === oid)?.value as { valueBlock?: { value?: unknown } } | undefined;
  return typeof value?.valueBlock?.value === 'string' ? value.valueBlock.value : null;
};

// A copy: a small Buffer is a view into a shared pool, and `.buffer` would hand over the whole pool.
const toArrayBuffer = (bytes: Uint8Array): ArrayBuffer => new Uint8Array(bytes).buffer;

const malformed = (detail: string, coversWholeFile = false): PdfSignature => ({
  status: SignatureStatus.MALFORMED,
  signerName: null,
  organization: null,
  issuerName: null,
  signingTime: null,
  certificateValidFrom: null,
  certificateValidTo: null,
  validAtSigning: null,
  coversWholeFile,
  detail,
});

/** The certificate a signer info points at (issuer and serial number, or subject key identifier). */
function signerCertificate(signedData: pkijs.SignedData, signerInfo: pkijs.SignerInfo): pkijs.Certificate | null {
  const certificates = (signedData.certificates ?? []).filter((cert): cert is pkijs.Certificate => cert instanceof pkijs.Certificate);
  const sid = signerInfo.sid;
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    // Issuer names compare by value: some signers re-encode them (UTF8String as PrintableString) in the signer info.
    const issuer = nameField(sid.issuer, OID.commonName);
    const serial = certificates.filter((cert) => cert.serialNumber.isEqual(sid.serialNumber));
    return serial.find((cert) => nameField(cert.issuer, OID.commonName) === issuer) ?? serial[0] ?? null;
  }
  return certificates[0] ?? null;
}

const RSA_PSS = '1.2.840.113549.1.1.10';

/**
 * The CMS signature over the signed attributes (which hold the message digest), checked with the
 * signer certificate's key: RSA (PKCS #1 v1.5 or PSS) and ECDSA, as node:crypto verifies them.
 */
function verifySignedAttributes(signerInfo: pkijs.SignerInfo, certificate: pkijs.Certificate, hashName: string): boolean {
  const attributes = signerInfo.signedAttrs!;
  // Signed as a SET (tag 0x31), stored as [0] IMPLICIT: pkijs keeps the bytes with the tag already turned back.
  const data = Buffer.from(attributes.encodedValue);
  const key = createPublicKey({ key: Buffer.from(certificate.subjectPublicKeyInfo.toSchema().toBER()), format: 'der', type: 'spki' });
  const signature = Buffer.from(signerInfo.signature.valueBlock.valueHexView);
  const pss = signerInfo.signatureAlgorithm.algorithmId === RSA_PSS;
  return verify(
    hashName,
    data,
    pss ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO } : key,
    signature,
  );
}

/** Whether the signer's chain, with the certificates the signature carries, leads to a configured root at `when`. */
async function chainTrusted(signedData: pkijs.SignedData, signer: pkijs.Certificate, roots: pkijs.Certificate[], when: Date) {
  if (roots.length === 0) return false;
  const certs = (signedData.certificates ?? []).filter((cert): cert is pkijs.Certificate => cert instanceof pkijs.Certificate);
  const engine = new pkijs.CertificateChainValidationEngine({ trustedCerts: roots, certs: [signer, ...certs], checkDate: when });
  const result = await engine.verify();
  return result.result;
}

/** Checks one signature: its byte ranges hash to the CMS message digest, the CMS signature verifies, and who signed. */
async function checkSignature(content: Uint8Array, range: number[], roots: pkijs.Certificate[]): Promise<PdfSignature> {
  const [start1, length1, start2, length2] = range as [number, number, number, number];
  if (start1 !== 0 || start1 + length1 > start2 || start2 + length2 > content.length || length1 < 1) {
    return malformed('byte ranges outside the file');
  }
  // Trailing whitespace after %%EOF is not content.
  const tail = content.subarray(start2 + length2);
  const coversWholeFile = tail.every((byte) => byte === 0x0a || byte === 0x0d || byte === 0x20 || byte === 0x00);
  const hole = Buffer.from(content.subarray(start1 + length1, start2)).toString('latin1');
  const hex = /^<([0-9a-fA-F\s]*)>$/.exec(hole.trim())?.[1]?.replace(/\s/g, '');
  if (!hex) return malformed('no /Contents between the byte ranges', coversWholeFile);

  let signedData: pkijs.SignedData;
  try {
    const der = Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex');
    const asn1 = asn1js.fromBER(toArrayBuffer(der));
    if (asn1.offset === -1) throw new Error(asn1.result.error);
    const info = new pkijs.ContentInfo({ schema: asn1.result });
    if (info.contentType !== OID.signedData) throw new Error(`content type ${info.contentType}`);
    signedData = new pkijs.SignedData({ schema: info.content });
  } catch (error) {
    return malformed(`not a CMS signature: ${(error as Error).message}`, coversWholeFile);
  }
  const signerInfo = signedData.signerInfos[0];
  if (!signerInfo) return malformed('no signer', coversWholeFile);
  const certificate = signerCertificate(signedData, signerInfo);
  const attributes = signerInfo.signedAttrs?.attributes ?? [];
  const signingTimeValue = attributes.find((attribute) => attribute.type === OID.signingTime)?.values[0] as
    asn1js.UTCTime | asn1js.GeneralizedTime | undefined;
  const signingTime = signingTimeValue?.toDate() ?? null;
  const validFrom = certificate?.notBefore.value ?? null;
  const validTo = certificate?.notAfter.value ?? null;
  const base: PdfSignature = {
    status: SignatureStatus.INTACT,
    signerName: certificate ? nameField(certificate.subject, OID.commonName) : null,
    organization: certificate ? nameField(certificate.subject, OID.organization) : null,
    issuerName: certificate ? nameField(certificate.issuer, OID.commonName) : null,
    signingTime: signingTime?.toISOString() ?? null,
    certificateValidFrom: validFrom?.toISOString() ?? null,
    certificateValidTo: validTo?.toISOString() ?? null,
    validAtSigning: signingTime && validFrom && validTo ? validFrom <= signingTime && signingTime <= validTo : null,
    coversWholeFile,
    detail: null,
  };
  if (!certificate) return { ...base, status: SignatureStatus.MALFORMED, detail: 'the signer certificate is not in the signature' };

  const hashName = HASHES[signerInfo.digestAlgorithm.algorithmId];
  const digestValue = attributes.find((attribute) => attribute.type === OID.messageDigest)?.values[0] as asn1js.OctetString | undefined;
  if (!hashName || !digestValue) return { ...base, status: SignatureStatus.MALFORMED, detail: 'no supported message digest' };
  const signed = Buffer.concat([content.subarray(start1, start1 + length1), content.subarray(start2, start2 + length2)]);
  const digest = createHash(hashName).update(signed).digest();
  if (!digest.equals(Buffer.from(digestValue.valueBlock.valueHexView))) {
    return { ...base, status: SignatureStatus.CHANGED, detail: 'the signed bytes no longer hash to the signed digest' };
  }
  let verified: boolean;
  try {
    verified = verifySignedAttributes(signerInfo, certificate, hashName);
  } catch (error) {
    return { ...base, status: SignatureStatus.MALFORMED, detail: `signature does not verify: ${(error as Error).message}` };
  }
  if (!verified) return { ...base, status: SignatureStatus.CHANGED, detail: 'the signed attributes were altered' };
  if (base.validAtSigning === false) return { ...base, status: SignatureStatus.CERTIFICATE_NOT_VALID };
  const trusted = await chainTrusted(signedData, certificate, roots, signingTime ?? new Date()).catch(() => false);
  return trusted ? base : { ...base, status: SignatureStatus.UNKNOWN_ISSUER };
}

/** Parses PEM certificates (the administrator's roots); an unreadable one is skipped. */
export function parseRoots(pems: string[]): pkijs.Certificate[] {
  const roots: pkijs.Certificate[] = [];
  for (const block of pems.join('\n').matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)) {
    try {
      const der = Buffer.from(block[1]!.replace(/\s/g, ''), 'base64');
      roots.push(pkijs.Certificate.fromBER(toArrayBuffer(der)));
    } catch {
      /* a broken root is no root */
    }
  }
  return roots;
}

/**
 * Every signature dictionary of a PDF (found by its /ByteRange), checked. A document changed after
 * its last signature (an incremental update no signature covers) makes that signature CHANGED too.
 */
export async function pdfSignatures(content: Uint8Array, rootPems: string[]): Promise<PdfSignature[]> {
  const bytes = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  const roots = parseRoots(rootPems);
  const signatures: PdfSignature[] = [];
  for (let at = bytes.indexOf('/ByteRange'); at >= 0 && signatures.length < MAX_SIGNATURES; at = bytes.indexOf('/ByteRange', at + 1)) {
    const match = BYTE_RANGE.exec(bytes.subarray(at + 10, at + 200).toString('latin1'));
    // A /ByteRange that is not four numbers is a placeholder never filled, or not a signature at all.
    signatures.push(match ? await checkSignature(content, match.slice(1).map(Number), roots) : malformed('unreadable /ByteRange'));
  }
  // Signatures come in the order of the revisions they sign: the last one should reach the end of the file.
  const last = signatures.at(-1);
  if (last && !last.coversWholeFile && last.status !== SignatureStatus.MALFORMED) {
    last.status = SignatureStatus.CHANGED;
    last.detail = 'content was added after the last signature';
  }
  return signatures;
}
