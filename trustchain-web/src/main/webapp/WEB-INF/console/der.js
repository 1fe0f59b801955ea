// Just enough DER (X.690) to read what the console shows from a certificate (its issuer, key,
// serial and embedded SCTs, RFC 6962 3.3) and to ask this CA's OCSP responder about it (RFC 6960
// 4.1.1, a CertID with SHA-1 as RFC 5019 prescribes) and read the answer's cert status.

/** One TLV: {tag, start (of the header), header length, length, end, bytes}. */
export function read(bytes, offset = 0) {
  const tag = bytes[offset];
  let length = bytes[offset + 1];
  let header = 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count < 1 || count > 4) throw new Error('unsupported DER length at ' + offset);
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[offset + 2 + i];
    header += count;
  }
  const end = offset + header + length;
  if (end > bytes.length) throw new Error('truncated DER at ' + offset);
  return {tag, start: offset, header, length, end, content: bytes.subarray(offset + header, end), whole: bytes.subarray(offset, end)};
}

/** The TLVs inside a constructed one. */
export function children(node) {
  const out = [];
  let at = 0;
  while (at < node.content.length) {
    const child = read(node.content, at);
    out.push(child);
    at = child.end;
  }
  return out;
}

export function pemToDer(pem) {
  const base64 = pem.replace(/-----(BEGIN|END) [A-Z ]+-----/g, '').replace(/\s+/g, '');
  return Uint8Array.from(atob(base64), c => c.charCodeAt(0));
}

/** All PEM blocks of a text, as DER. */
export function pemBlocks(text) {
  return (text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) || []).map(pemToDer);
}

export function hex(bytes) {
  return Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
}

function base64(bytes) {
  return btoa(String.fromCharCode(...bytes));
}

function oid(bytes) {
  const parts = [Math.floor(bytes[0] / 40), bytes[0] % 40];
  let value = 0;
  for (let i = 1; i < bytes.length; i++) {
    value = value * 128 + (bytes[i] & 0x7f);
    if (!(bytes[i] & 0x80)) {
      parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}

/** The parts of an X.509 certificate the console needs. */
export function certificate(der) {
  const tbs = children(children(read(der))[0]);
  const explicitVersion = tbs[0].tag === 0xa0 ? 1 : 0;
  const serial = tbs[explicitVersion];
  const issuer = tbs[explicitVersion + 2];
  const subject = tbs[explicitVersion + 4];
  const spki = tbs[explicitVersion + 5];
  const extensions = tbs.find(t => t.tag === 0xa3);
  const scts = [];
  if (extensions) {
    for (const ext of children(children(extensions)[0])) {
      const parts = children(ext);
      if (oid(parts[0].content) === '1.3.6.1.4.1.11129.2.4.2') {
        scts.push(...sctList(read(parts[parts.length - 1].content).content));
      }
    }
  }
  return {serial: serial.content, issuer: issuer.whole, subject: subject.whole, spki, scts};
}

/** The SignedCertificateTimestampList (RFC 6962 3.3): each SCT's log id and time. */
function sctList(list) {
  const out = [];
  let at = 2;
  const total = 2 + ((list[0] << 8) | list[1]);
  while (at < total) {
    const length = (list[at] << 8) | list[at + 1];
    const sct = list.subarray(at + 2, at + 2 + length);
    let millis = 0;
    for (let i = 33; i < 41; i++) millis = millis * 256 + sct[i];
    out.push({version: sct[0] + 1, logId: base64(sct.subarray(1, 33)), timestamp: new Date(millis).toISOString()});
    at += 2 + length;
  }
  return out;
}

function tlv(tag, ...contents) {
  const length = contents.reduce((n, c) => n + c.length, 0);
  const header = length < 128 ? [tag, length] : length < 256 ? [tag, 0x81, length] : [tag, 0x82, length >> 8, length & 0xff];
  const out = new Uint8Array(header.length + length);
  out.set(header);
  let at = header.length;
  for (const c of contents) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** A DER OCSPRequest for one certificate, given its DER and its issuer's DER. */
export async function ocspRequest(leafDer, issuerDer) {
  const leaf = certificate(leafDer);
  const issuer = certificate(issuerDer);
  const key = children(issuer.spki)[1].content.subarray(1); // the BIT STRING's bits, without its unused-bits byte
  const nameHash = new Uint8Array(await crypto.subtle.digest('SHA-1', leaf.issuer));
  const keyHash = new Uint8Array(await crypto.subtle.digest('SHA-1', key));
  const sha1 = tlv(0x30, Uint8Array.of(0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a), Uint8Array.of(0x05, 0x00));
  const certId = tlv(0x30, sha1, tlv(0x04, nameHash), tlv(0x04, keyHash), tlv(0x02, leaf.serial));
  return tlv(0x30, tlv(0x30, tlv(0x30, tlv(0x30, certId))));
}

function time(node) {
  const t = new TextDecoder().decode(node.content);
  return t.substring(0, 4) + '-' + t.substring(4, 6) + '-' + t.substring(6, 8) + 'T' + t.substring(8, 10) + ':' + t.substring(10, 12)
    + ':' + t.substring(12, 14) + 'Z';
}

const REASONS = ['unspecified', 'keyCompromise', 'cACompromise', 'affiliationChanged', 'superseded', 'cessationOfOperation',
  'certificateHold', '', 'removeFromCRL', 'privilegeWithdrawn', 'aACompromise'];

/** The answer's status for the one certificate asked about: {status: good|revoked|unknown, producedAt, thisUpdate, revokedAt?, reason?}. */
export function ocspResponse(der) {
  const outer = children(read(der));
  const responseStatus = outer[0].content[0];
  if (responseStatus !== 0) return {status: 'error ' + responseStatus};
  const responseBytes = children(children(outer[1])[0]);
  const basic = children(read(responseBytes[1].content));
  const data = children(basic[0]);
  let i = data[0].tag === 0xa0 ? 1 : 0;
  const producedAt = time(data[i + 1]);
  const single = children(children(data[i + 2])[0]);
  const status = single[1];
  const result = {producedAt, thisUpdate: time(single[2])};
  if (status.tag === 0x80) return {...result, status: 'good'};
  if (status.tag === 0x82) return {...result, status: 'unknown'};
  const revoked = children(status);
  const reason = revoked[1] ? REASONS[children(revoked[1])[0].content[0]] : undefined;
  return {...result, status: 'revoked', revokedAt: time(revoked[0]), reason};
}
