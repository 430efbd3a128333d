// A small S3-compatible server for tests (there is no MinIO here): the calls the evidence store makes, over real
// HTTP, with every request's AWS Signature V4 checked against the one key pair it knows (computed here from the
// specification with node:crypto, not with the SDK's own signer), so wrong credentials are refused as S3 refuses them.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type S3Operation =
  | 'HeadBucket'
  | 'ListObjectsV2'
  | 'HeadObject'
  | 'GetObject'
  | 'PutObject'
  | 'DeleteObject'
  | 'CreateMultipartUpload'
  | 'UploadPart'
  | 'CompleteMultipartUpload'
  | 'AbortMultipartUpload';

export interface FakeS3 {
  endpoint: string;
  bucket: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** Stored objects by key. */
  objects: Map<string, Buffer>;
  /** Multipart uploads begun and neither completed nor aborted. */
  openUploads(): number;
  /** Every request answered: its operation (null when refused before it was recognised: signature, bucket) and status. */
  requests: { operation: S3Operation | null; status: number }[];
  /** The next `times` requests of this operation answer 500 InternalError, after their body was read. */
  failNext(operation: S3Operation, times?: number): void;
  close(): Promise<void>;
}

const xml = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;
const hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();
/** RFC 3986 encoding as SigV4 wants it (encodeURIComponent leaves !'()* alone). */
const encode = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

class S3Error extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The canonical query string: every pair decoded, re-encoded, sorted by name then value. */
function canonicalQuery(query: string): string {
  if (!query) return '';
  return query
    .split('&')
    .map((pair) => {
      const at = pair.indexOf('=');
      const [name, value] = at < 0 ? [pair, ''] : [pair.slice(0, at), pair.slice(at + 1)];
      return [encode(decodeURIComponent(name)), encode(decodeURIComponent(value))] as const;
    })
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

/** Checks the Authorization header (AWS4-HMAC-SHA256) of a request; throws S3's error when it does not hold. */
function verifySignature(req: IncomingMessage, expected: FakeS3['credentials'], region: string): void {
  const header = req.headers.authorization ?? '';
  const match =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(
      header,
    );
  if (!match) throw new S3Error(403, 'AccessDenied', 'Missing or malformed Authorization header');
  const [, accessKeyId, day, signedRegion, signedHeaders, signature] = match as unknown as string[];
  if (accessKeyId !== expected.accessKeyId)
    throw new S3Error(403, 'InvalidAccessKeyId', 'The AWS access key Id you provided does not exist');
  if (signedRegion !== region)
    throw new S3Error(400, 'AuthorizationHeaderMalformed', `The region ${signedRegion} is wrong; expecting ${region}`);
  const amzDate = String(req.headers['x-amz-date'] ?? '');
  if (!amzDate.startsWith(day!)) throw new S3Error(403, 'AccessDenied', 'X-Amz-Date does not match the credential scope');
  const names = signedHeaders!.split(';');
  if (!names.includes('host') || !names.includes('x-amz-content-sha256'))
    throw new S3Error(403, 'AccessDenied', 'Host and payload hash must be signed');
  const url = req.url ?? '/';
  const at = url.indexOf('?');
  const canonicalRequest = [
    req.method,
    at < 0 ? url : url.slice(0, at),
    canonicalQuery(at < 0 ? '' : url.slice(at + 1)),
    names
      .map(
        (name) =>
          `${name}:${String(req.headers[name] ?? '')
            .trim()
            .replace(/\s+/g, ' ')}\n`,
      )
      .join(''),
    signedHeaders,
    String(req.headers['x-amz-content-sha256']),
  ].join('\n');
  const scope = `${day}/${region}/s3/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, hex(canonicalRequest)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${expected.secretAccessKey}`, day!), region), 's3'), 'aws4_request');
  const computed = Buffer.from(hmac(key, toSign).toString('hex'));
  if (!timingSafeEqual(computed, Buffer.from(signature!))) {
    throw new S3Error(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided');
  }
}

/** The whole body; rejects when the client went away before sending all of it. */
function bodyOf(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
    req.on('aborted', () => reject(new Error('aborted')));
  });
}

export async function startFakeS3(options: { bucket?: string; region?: string } = {}): Promise<FakeS3> {
  const bucket = options.bucket ?? 'par-evidence';
  const region = options.region ?? 'ap-southeast-1';
  const credentials = {
    accessKeyId: `AKIA${randomBytes(8).toString('hex').toUpperCase()}`,
    secretAccessKey: randomBytes(20).toString('base64'),
  };
  const objects = new Map<string, Buffer>();
  const uploads = new Map<string, { key: string; parts: Map<number, Buffer> }>();
  const requests: FakeS3['requests'] = [];
  const failures = new Map<S3Operation, number>();

  async function handle(req: IncomingMessage, res: ServerResponse, seen: { operation: S3Operation | null }): Promise<void> {
    verifySignature(req, credentials, region);
    const url = new URL(req.url ?? '/', 'http://s3');
    const [, bucketName, ...rest] = url.pathname.split('/');
    const key = rest.map(decodeURIComponent).join('/');
    if (bucketName !== bucket) throw new S3Error(404, 'NoSuchBucket', 'The specified bucket does not exist');
    const q = url.searchParams;
    const operation: S3Operation = !key
      ? req.method === 'HEAD'
        ? 'HeadBucket'
        : 'ListObjectsV2'
      : req.method === 'HEAD'
        ? 'HeadObject'
        : req.method === 'GET'
          ? 'GetObject'
          : req.method === 'DELETE'
            ? q.has('uploadId')
              ? 'AbortMultipartUpload'
              : 'DeleteObject'
            : req.method === 'POST'
              ? q.has('uploads')
                ? 'CreateMultipartUpload'
                : 'CompleteMultipartUpload'
              : q.has('uploadId')
                ? 'UploadPart'
                : 'PutObject';
    seen.operation = operation;
    const body = await bodyOf(req);
    const declared = req.headers['x-amz-content-sha256'];
    if (declared !== 'UNSIGNED-PAYLOAD' && declared !== hex(body)) {
      throw new S3Error(400, 'XAmzContentSHA256Mismatch', 'The provided x-amz-content-sha256 header does not match what was computed');
    }
    if (req.headers['content-length'] !== undefined && Number(req.headers['content-length']) !== body.length) {
      throw new S3Error(400, 'IncompleteBody', 'You did not provide the number of bytes specified by the Content-Length HTTP header');
    }
    const failing = failures.get(operation) ?? 0;
    if (failing > 0) {
      failures.set(operation, failing - 1);
      throw new S3Error(500, 'InternalError', 'We encountered an internal error. Please try again.');
    }
    const upload = () => {
      const found = uploads.get(q.get('uploadId') ?? '');
      if (!found || found.key !== key) throw new S3Error(404, 'NoSuchUpload', 'The specified upload does not exist');
      return found;
    };
    switch (operation) {
      case 'HeadBucket':
        res.writeHead(200).end();
        break;
      case 'ListObjectsV2': {
        const max = Number(q.get('max-keys') ?? 1000);
        const keys = [...objects.keys()].filter((name) => name.startsWith(q.get('prefix') ?? '')).sort();
        const shown = keys.slice(0, max);
        res
          .writeHead(200, { 'content-type': 'application/xml' })
          .end(
            xml(
              `<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${bucket}</Name><KeyCount>${shown.length}</KeyCount>` +
                `<MaxKeys>${max}</MaxKeys><IsTruncated>${keys.length > max}</IsTruncated>` +
                shown.map((name) => `<Contents><Key>${name}</Key><Size>${objects.get(name)!.length}</Size></Contents>`).join('') +
                `</ListBucketResult>`,
            ),
          );
        break;
      }
      case 'HeadObject':
      case 'GetObject': {
        const content = objects.get(key);
        if (!content) {
          if (operation === 'HeadObject') res.writeHead(404).end();
          else throw new S3Error(404, 'NoSuchKey', 'The specified key does not exist.');
          break;
        }
        res.writeHead(200, {
          'content-length': content.length,
          etag: `"${hex(content).slice(0, 32)}"`,
          'content-type': 'application/octet-stream',
        });
        res.end(operation === 'GetObject' ? content : undefined);
        break;
      }
      case 'PutObject':
        objects.set(key, body);
        res.writeHead(200, { etag: `"${hex(body).slice(0, 32)}"` }).end();
        break;
      case 'DeleteObject':
        objects.delete(key);
        res.writeHead(204).end();
        break;
      case 'CreateMultipartUpload': {
        const uploadId = randomBytes(12).toString('hex');
        uploads.set(uploadId, { key, parts: new Map() });
        res
          .writeHead(200, { 'content-type': 'application/xml' })
          .end(
            xml(
              `<InitiateMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${key}</Key><UploadId>${uploadId}</UploadId></InitiateMultipartUploadResult>`,
            ),
          );
        break;
      }
      case 'UploadPart':
        upload().parts.set(Number(q.get('partNumber')), body);
        res.writeHead(200, { etag: `"${hex(body).slice(0, 32)}"` }).end();
        break;
      case 'CompleteMultipartUpload': {
        const found = upload();
        const listed = [...body.toString().matchAll(/<PartNumber>(\d+)<\/PartNumber>/g)].map((m) => Number(m[1]));
        if (!listed.length || listed.some((n) => !found.parts.has(n)))
          throw new S3Error(400, 'InvalidPart', 'One or more of the specified parts could not be found');
        objects.set(key, Buffer.concat(listed.map((n) => found.parts.get(n)!)));
        uploads.delete(q.get('uploadId')!);
        res
          .writeHead(200, { 'content-type': 'application/xml' })
          .end(
            xml(
              `<CompleteMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${key}</Key><ETag>"${listed.length}"</ETag></CompleteMultipartUploadResult>`,
            ),
          );
        break;
      }
      case 'AbortMultipartUpload':
        upload();
        uploads.delete(q.get('uploadId')!);
        res.writeHead(204).end();
        break;
    }
  }

  const server = http.createServer((req, res) => {
    const seen = { operation: null as S3Operation | null };
    handle(req, res, seen).then(
      () => requests.push({ operation: seen.operation, status: res.statusCode }),
      (error: unknown) => {
        const failure = error instanceof S3Error ? error : new S3Error(500, 'InternalError', String(error));
        requests.push({ operation: seen.operation, status: failure.status });
        if (res.headersSent || res.destroyed) return;
        // HEAD answers carry no body: the SDK reads the status alone.
        res.writeHead(failure.status, { 'content-type': 'application/xml' });
        res.end(
          req.method === 'HEAD' ? undefined : xml(`<Error><Code>${failure.code}</Code><Message>${failure.message}</Message></Error>`),
        );
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    bucket,
    region,
    credentials,
    objects,
    openUploads: () => uploads.size,
    requests,
    failNext(operation, times = 1) {
      failures.set(operation, times);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
