// The escapes Go's encoding/json adds to JSON text that JavaScript's JSON.stringify leaves out:
// `<`, `>` and `&` (json.Marshal and json.Encoder escape HTML), and U+2028 and U+2029 (always
// escaped). Applied to text JSON.stringify made, so only these characters need rewriting.
// Pure function.

const ESCAPED = /[<>&\u2028\u2029]/;
const ESCAPED_ALL = /[<>&\u2028\u2029]/g;
const ESCAPES: Readonly<Record<string, string>> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };
const escapeOne = (ch: string): string => ESCAPES[ch]!;

/** JSON text as Go's encoding/json writes it: the same text with its HTML characters and line separators escaped. */
export function goJSONEscape(json: string): string {
  return ESCAPED.test(json) ? json.replace(ESCAPED_ALL, escapeOne) : json;
}
