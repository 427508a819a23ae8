import {
  StreamingSignature,
  checkRequestSignature,
  checkSignatureHeaders,
  signRequest,
  signedRequestHeaders,
} from 'src/modules/integrations/signature/request-signature';

const SECRET = 'a-signing-secret-of-at-least-32-characters';
const NOW = new Date('2026-03-05T03:00:00Z');

function req(body: string, headers: Record<string, string>, path = '/api/v1/integrations/dossiers') {
  return {
    method: 'POST',
    path,
    body,
    timestamp: headers['x-signature-timestamp'],
    nonce: headers['x-signature-nonce'],
    signature: headers['x-signature'],
  };
}

describe('inbound request signature (HMAC-SHA256 over method, path, timestamp, nonce and raw body)', () => {
  const body = '{"procedureCode":"1.001776"}';
  const headers = signedRequestHeaders(SECRET, 'POST', '/api/v1/integrations/dossiers', body, NOW);

  it('accepts the signature of the exact request inside the window', () => {
    expect(checkRequestSignature(SECRET, req(body, headers), NOW)).toBe('OK');
    expect(checkRequestSignature(SECRET, req(body, headers), new Date(NOW.getTime() + 299_000))).toBe('OK');
  });

  it('refuses a tampered body, path, method or a wrong secret', () => {
    expect(checkRequestSignature(SECRET, req(body.replace('1.001776', '1.001777'), headers), NOW)).toBe('MISMATCH');
    expect(checkRequestSignature(SECRET, req(body, headers, '/api/v1/integrations/dossiers?x=1'), NOW)).toBe('MISMATCH');
    expect(checkRequestSignature(SECRET, { ...req(body, headers), method: 'PUT' }, NOW)).toBe('MISMATCH');
    expect(checkRequestSignature(`${SECRET}x`, req(body, headers), NOW)).toBe('MISMATCH');
    expect(checkRequestSignature(SECRET, { ...req(body, headers), nonce: 'another-nonce-123' }, NOW)).toBe('MISMATCH');
  });

  it('refuses a timestamp outside the 5-minute window, either side', () => {
    expect(checkRequestSignature(SECRET, req(body, headers), new Date(NOW.getTime() + 301_000))).toBe('EXPIRED');
    expect(checkRequestSignature(SECRET, req(body, headers), new Date(NOW.getTime() - 301_000))).toBe('EXPIRED');
  });

  it('reports missing headers', () => {
    expect(checkRequestSignature(SECRET, { method: 'POST', path: '/', body }, NOW)).toBe('MISSING');
  });

  it('signs the bytes, not a re-serialisation (whitespace matters)', () => {
    const ts = '1772679600';
    expect(signRequest(SECRET, 'POST', '/p', ts, 'n0nce-123', '{"a":1}')).not.toBe(
      signRequest(SECRET, 'POST', '/p', ts, 'n0nce-123', '{ "a": 1 }'),
    );
  });
});

describe('streamed body signature (multipart uploads)', () => {
  it('matches the signature of the whole body fed in arbitrary chunks, and refuses a changed byte', () => {
    const body = Buffer.from('--b\r\ncontent-disposition: form-data; name="dossier"\r\n\r\n{"a":1}\r\n--b--\r\n');
    const headers = signedRequestHeaders(SECRET, 'POST', '/api/v1/integrations/dossiers/multipart', body, NOW);
    const request = {
      method: 'POST',
      path: '/api/v1/integrations/dossiers/multipart',
      timestamp: headers['x-signature-timestamp'],
      nonce: headers['x-signature-nonce'],
    };
    const ok = new StreamingSignature(SECRET, request, headers['x-signature']);
    for (let i = 0; i < body.length; i += 7) ok.update(body.subarray(i, i + 7));
    expect(ok.matches()).toBe(true);
    const tampered = new StreamingSignature(SECRET, request, headers['x-signature']);
    tampered.update(Buffer.from(body.toString().replace('"a":1', '"a":2')));
    expect(tampered.matches()).toBe(false);
  });

  it('checks the headers (window, nonce) before any byte of the body is read', () => {
    const headers = signedRequestHeaders(SECRET, 'POST', '/p', '', NOW);
    const h = { timestamp: headers['x-signature-timestamp'], nonce: headers['x-signature-nonce'], signature: headers['x-signature'] };
    expect(checkSignatureHeaders(h, NOW)).toBe('OK');
    expect(checkSignatureHeaders(h, new Date(NOW.getTime() + 301_000))).toBe('EXPIRED');
    expect(checkSignatureHeaders({ ...h, nonce: 'bad nonce' }, NOW)).toBe('MISMATCH');
    expect(checkSignatureHeaders({ ...h, signature: undefined }, NOW)).toBe('MISSING');
  });
});
