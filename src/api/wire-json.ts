/** Decoding side of the JSON wire format, usable in the browser (no Node Buffer). */
const BYTES_TAG = '__vigil_bytes_b64';

function b64ToBytes(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function fromJson(text: string): unknown {
  return JSON.parse(text, (_k, x) =>
    x && typeof x === 'object' && typeof x[BYTES_TAG] === 'string' && Object.keys(x).length === 1 ? b64ToBytes(x[BYTES_TAG]) : x,
  );
}
