// Go's text of a float64: fmt's %v and strconv.FormatFloat(v, 'f', -1, 64), as lambda
// results, templates, the CLI and error messages print them. Pure functions.

/** Shortest round-trip decimal digits of a finite non-zero |value| and its decimal exponent. */
function shortestDigits(value: number): { digits: string; exp: number } {
  const text = Math.abs(value).toExponential();
  const e = text.indexOf('e');
  return { digits: text.slice(0, e).replace('.', ''), exp: Number(text.slice(e + 1)) };
}

function fixedFromDigits(digits: string, exp: number): string {
  if (exp < 0) return '0.' + '0'.repeat(-exp - 1) + digits;
  if (digits.length <= exp + 1) return digits + '0'.repeat(exp + 1 - digits.length);
  return digits.slice(0, exp + 1) + '.' + digits.slice(exp + 1);
}

function specialFloat(value: number): string | undefined {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  return undefined;
}

/** strconv.FormatFloat(v, 'f', -1, 64): what string() of a float gives. */
export function formatFloatF(value: number): string {
  const special = specialFloat(value);
  if (special !== undefined) return special;
  const { digits, exp } = shortestDigits(value);
  return (value < 0 ? '-' : '') + fixedFromDigits(digits, exp);
}

/** fmt's %v of a float64 (strconv 'g' with the shortest precision). */
export function formatFloatV(value: number): string {
  const special = specialFloat(value);
  if (special !== undefined) return special;
  const { digits, exp } = shortestDigits(value);
  const sign = value < 0 ? '-' : '';
  if (exp < -4 || exp >= 6) {
    const mantissa = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits;
    const expAbs = Math.abs(exp);
    return `${sign}${mantissa}e${exp < 0 ? '-' : '+'}${expAbs < 10 ? '0' : ''}${expAbs}`;
  }
  return sign + fixedFromDigits(digits, exp);
}
