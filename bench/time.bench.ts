// Why times are bigint epoch nanoseconds: the costs of the operations the engine does per
// point (parse a timestamp, compare, truncate to a window boundary, format), bigint against
// a float64 of epoch ns (which is not even exact: 1500000000123456789 is not representable).

const count = 1_000_000;
const texts = Array.from({ length: 1000 }, (_, i) => String(1_500_000_000_123_456_789n + BigInt(i) * 1_000_003n));

function time(label: string, run: () => number): void {
  run();
  const start = process.hrtime.bigint();
  const sink = run();
  const ns = Number(process.hrtime.bigint() - start) / count;
  console.log(`${label.padEnd(34)} ${ns.toFixed(1).padStart(6)} ns/op  (${sink === 0.5 ? '' : 'ok'})`);
}

time('bigint: parse timestamp', () => {
  let s = 0n;
  for (let i = 0; i < count; i++) s += BigInt(texts[i % 1000]!);
  return Number(s & 1n);
});
time('number: parse timestamp (inexact)', () => {
  let s = 0;
  for (let i = 0; i < count; i++) s += Number(texts[i % 1000]!);
  return s;
});
const big = texts.map((t) => BigInt(t));
const num = texts.map((t) => Number(t));
time('bigint: truncate to 10s window', () => {
  let s = 0n;
  for (let i = 0; i < count; i++) {
    const t = big[i % 1000]!;
    s += t - (t % 10_000_000_000n);
  }
  return Number(s & 1n);
});
time('number: truncate to 10s window', () => {
  let s = 0;
  for (let i = 0; i < count; i++) {
    const t = num[i % 1000]!;
    s += t - (t % 1e10);
  }
  return s;
});
time('bigint: compare', () => {
  let s = 0;
  for (let i = 1; i < count; i++) if (big[i % 1000]! > big[(i - 1) % 1000]!) s++;
  return s;
});
time('number: compare', () => {
  let s = 0;
  for (let i = 1; i < count; i++) if (num[i % 1000]! > num[(i - 1) % 1000]!) s++;
  return s;
});
console.log(`exactness: Number("1500000000123456789") = ${Number('1500000000123456789')} (bigint keeps 1500000000123456789)`);
