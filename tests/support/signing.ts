// A throwaway certificate authority and PDF signing for tests: keys are made here, never stored.
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { P12Signer } from '@signpdf/signer-p12';
import { SignPdf } from '@signpdf/signpdf';
import forge from 'node-forge';

export interface TestIdentity {
  key: forge.pki.rsa.KeyPair;
  cert: forge.pki.Certificate;
}

const YEAR = 365 * 24 * 3600 * 1000;
/** Short keys: generated in JavaScript for every run, and strength is not what these tests are about. */
const KEY_BITS = 1024;

function certificate(
  subject: { CN: string; O: string },
  keys: forge.pki.rsa.KeyPair,
  issuer: TestIdentity | null,
  options: { ca?: boolean; notBefore?: Date; notAfter?: Date },
): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = `0${forge.util.bytesToHex(forge.random.getBytesSync(8))}`;
  cert.validity.notBefore = options.notBefore ?? new Date(Date.now() - YEAR);
  cert.validity.notAfter = options.notAfter ?? new Date(Date.now() + YEAR);
  const attributes = [
    { shortName: 'CN', value: subject.CN, valueTagClass: forge.asn1.Type.UTF8 },
    { shortName: 'O', value: subject.O, valueTagClass: forge.asn1.Type.UTF8 },
    { shortName: 'C', value: 'VN' },
  ] as forge.pki.CertificateField[];
  cert.setSubject(attributes);
  cert.setIssuer(issuer ? issuer.cert.subject.attributes : attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: options.ca ?? false },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, keyCertSign: options.ca ?? false, cRLSign: options.ca ?? false },
  ]);
  cert.sign(issuer ? issuer.key.privateKey : keys.privateKey, forge.md.sha256.create());
  return cert;
}

/** A root CA, like the government CA an administrator would configure. */
export function testCa(name = 'Test Root CA'): TestIdentity {
  const key = forge.pki.rsa.generateKeyPair(KEY_BITS);
  return { key, cert: certificate({ CN: name, O: 'Ban Cơ yếu Chính phủ (thử nghiệm)' }, key, null, { ca: true }) };
}

/** A signer's certificate issued by `ca` (or self-signed when `ca` is null). */
export function testSigner(
  subject: { CN: string; O: string },
  ca: TestIdentity | null,
  validity: { notBefore?: Date; notAfter?: Date } = {},
): TestIdentity {
  const key = forge.pki.rsa.generateKeyPair(KEY_BITS);
  return { key, cert: certificate(subject, key, ca, validity) };
}

export const pem = (identity: TestIdentity) => forge.pki.certificateToPem(identity.cert);

/** Signs a PDF (an incremental update with a CMS detached signature), as a document-management system does. */
export async function signPdf(pdf: Buffer, signer: TestIdentity, chain: TestIdentity[] = []): Promise<Buffer> {
  const p12 = forge.pkcs12.toPkcs12Asn1(signer.key.privateKey, [signer.cert, ...chain.map((identity) => identity.cert)], '', {
    algorithm: '3des',
  });
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: pdf,
    reason: 'Phát hành văn bản',
    contactInfo: 'vanthu@sontay.hanoi.gov.vn',
    name: signer.cert.subject.getField('CN').value,
    location: 'Sơn Tây',
  });
  return new SignPdf().sign(withPlaceholder, new P12Signer(Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary')));
}

/** The same signed bytes with one byte of the signed content changed: what the signature must catch. */
export function alter(signed: Buffer, from: string, to: string): Buffer {
  const copy = Buffer.from(signed);
  const at = copy.indexOf(from, 0, 'latin1');
  if (at < 0 || from.length !== to.length) throw new Error(`cannot alter ${from}`);
  copy.write(to, at, 'latin1');
  return copy;
}

/** The signed bytes with the CMS structure in /Contents overwritten: a signature no parser can read. */
export function corruptSignature(signed: Buffer): Buffer {
  const copy = Buffer.from(signed);
  const at = copy.indexOf('/Contents <', copy.indexOf('/ByteRange'), 'latin1') + '/Contents <'.length;
  copy.write('ff'.repeat(16), at, 'latin1');
  return copy;
}
