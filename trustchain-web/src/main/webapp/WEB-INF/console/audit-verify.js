// Verifies an audit export bundle in the browser, independently of the server that wrote it:
// hash(n) = SHA-256(hash(n-1) || canonical JSON of event n) from the bundle's start hash, each
// event's stored hash recomputed, positions contiguous, every checkpoint signed by the bundle's
// audit key (ECDSA with SHA-256) and equal to the recomputed head at its size, the last event
// covered by a checkpoint. The same rules as the offline verifier (witness jar, verify-audit).

import {children, read} from './der.js';

const b64 = text => Uint8Array.from(atob(text), c => c.charCodeAt(0));
const utf8 = text => new TextEncoder().encode(text);
const equal = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

async function sha256(...parts) {
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return new Uint8Array(await crypto.subtle.digest('SHA-256', all));
}

/** The audit key: P-256 or P-384, whichever its SubjectPublicKeyInfo names. */
async function importKey(spki) {
  const curveOid = children(children(read(spki))[0])[1].content;
  const curve = curveOid.length === 8 ? 'P-256' : curveOid.length === 5 ? 'P-384' : 'P-521';
  return {key: await crypto.subtle.importKey('spki', spki, {name: 'ECDSA', namedCurve: curve}, false, ['verify']),
    size: {'P-256': 32, 'P-384': 48, 'P-521': 66}[curve]};
}

/** A DER ECDSA-Sig-Value as WebCrypto's fixed-size r || s. */
function rawSignature(der, size) {
  const [r, s] = children(read(der)).map(n => n.content);
  const out = new Uint8Array(2 * size);
  const place = (v, offset) => {
    const trimmed = v.subarray(Math.max(0, v.length - size));
    out.set(trimmed, offset + size - trimmed.length);
  };
  place(r, 0);
  place(s, size);
  return out;
}

/** {ok, events, firstSeq, lastSeq, checkpoints, reason}. */
export async function verifyBundle(text) {
  const lines = text.split('\n').filter(l => l.length > 0);
  const fail = reason => ({ok: false, reason});
  if (lines[0] !== 'trustchain audit bundle v1') return fail('not an audit bundle (first line)');
  const {key, size} = await importKey(b64(lines[1].substring(4)));
  const start = lines[2].split(' ');
  let expected = Number(start[1]);
  const firstSeq = expected;
  let hash = b64(start[2]);
  const heads = new Map();
  let events = 0;
  let checkpoints = 0;
  let covered = 0;
  for (let i = 3; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('event ')) {
      const first = line.indexOf(' ', 6);
      const second = line.indexOf(' ', first + 1);
      const seq = Number(line.substring(6, first));
      const stored = b64(line.substring(first + 1, second));
      const json = line.substring(second + 1);
      if (seq !== expected) return fail('position ' + expected + ' is missing (the next event is at ' + seq + ')');
      if (!json.startsWith('{"seq":' + seq + ',')) return fail('the event at position ' + seq + ' names another position');
      hash = await sha256(hash, utf8(json));
      if (!equal(hash, stored)) return fail('the event at position ' + seq + ' does not hash to its stored chain hash: it was changed');
      heads.set(seq, hash);
      expected++;
      events++;
    } else if (line.startsWith('checkpoint ')) {
      const [, textB64, sigB64] = line.split(' ');
      const signed = b64(textB64);
      const ok = await crypto.subtle.verify({name: 'ECDSA', hash: 'SHA-256'}, key, rawSignature(b64(sigB64), size), signed);
      if (!ok) return fail('the checkpoint on line ' + (i + 1) + ' is not signed by the bundle\'s audit key');
      const fields = Object.fromEntries(new TextDecoder().decode(signed).split('\n').slice(1).filter(Boolean)
        .map(l => [l.substring(0, l.indexOf(' ')), l.substring(l.indexOf(' ') + 1)]));
      const head = heads.get(Number(fields.size));
      if (!head || !equal(head, b64(fields.head))) return fail('the events up to ' + fields.size + ' do not hash to the signed head');
      covered = Math.max(covered, Number(fields.size));
      checkpoints++;
    } else {
      return fail('line ' + (i + 1) + ' is neither an event nor a checkpoint');
    }
  }
  if (covered < expected - 1) return fail('the events from ' + (covered + 1) + ' on are covered by no checkpoint');
  return {ok: true, events, firstSeq, lastSeq: expected - 1, checkpoints, reason: 'verified'};
}
