// holtWinters / holtWintersWithFit as InfluxQL computes them: values bucketed by interval
// (gaps become NaN), damped Holt-Winters with optional multiplicative seasonality (m >= 2),
// parameters fitted by Nelder-Mead from a grid of starting guesses (alpha, beta, gamma, phi
// in 0.3 and 0.7), then h points forecast. The objective deliberately works on the
// parameter vector in place (clamping and seasonal updates), as InfluxQL's does, so the
// optimiser walks the same path and gives the same numbers.

const WEIGHT = 0.5;
const EPSILON = 1.0e-4;
const GUESS_LOWER = 0.3;
const GUESS_UPPER = 1.0;
const GUESS_STEP = 0.4;
const MAX_ITERATIONS = 1000;

export interface HoltWintersPoint {
  time: bigint;
  value: number;
}

function clampUnit(x: number[]): void {
  for (let i = 0; i < 4; i++) {
    if (x[i]! > 1) x[i] = 1;
    if (x[i]! < 0) x[i] = 0;
  }
}

class Model {
  constructor(
    private readonly y: number[],
    private readonly seasonal: boolean,
  ) {}

  /** Fitted values followed by h forecasts; mutates params like InfluxQL. */
  forecast(h: number, params: number[]): number[] {
    clampUnit(params);
    const y = this.y;
    let yt = y[0]!;
    const phi = params[3]!;
    let phiH = phi;
    let lt = params[4]!;
    let bt = params[5]!;
    let m = 0;
    let offset = 0;
    if (this.seasonal) {
      m = params.length - 6;
      if (m === 1) params[6] = 1;
      offset = m - 1;
    }
    const out = new Array<number>(y.length + h);
    out[0] = yt;
    let stm = 1;
    let stmh = 1;
    const [alpha, beta, gamma] = [params[0]!, params[1]!, params[2]!];
    for (let t = 1; t < y.length + h; t++) {
      if (this.seasonal) {
        const hm = t % m;
        stm = params[6 + ((t - m + offset) % m)]!;
        stmh = params[6 + ((t - m + hm + offset) % m)]!;
      }
      const lPrev = lt;
      const bPrev = bt;
      lt = alpha * (yt / stm) + (1 - alpha) * (lPrev + phi * bPrev);
      bt = beta * (lt - lPrev) + (1 - beta) * phi * bPrev;
      const st = gamma * (yt / (lPrev + phi * bPrev)) + (1 - gamma) * stm;
      yt = (lt + phiH * bt) * stmh;
      phiH += Math.pow(phi, t);
      if (this.seasonal) {
        params[6 + ((t + offset) % m)] = st;
        offset++;
      }
      out[t] = yt;
    }
    return out;
  }

  sse(params: number[]): number {
    const forecast = this.forecast(0, params);
    let sse = 0;
    for (let i = 0; i < forecast.length; i++) {
      if (Number.isNaN(this.y[i]!)) continue;
      if (Number.isNaN(forecast[i]!)) return Number.POSITIVE_INFINITY;
      const d = forecast[i]! - this.y[i]!;
      sse += d * d;
    }
    return sse;
  }
}

/** Nelder-Mead minimisation (reflection 1, contraction 0.5, expansion 2, regular start simplex). */
function nelderMead(f: (x: number[]) => number, start: number[], epsilon: number, scale: number): [number, number[]] {
  const n = start.length;
  const v: number[][] = [];
  const pn = (scale * (Math.sqrt(n + 1) - 1 + n)) / (n * Math.SQRT2);
  const qn = (scale * (Math.sqrt(n + 1) - 1)) / (n * Math.SQRT2);
  v.push(start.slice());
  for (let i = 1; i <= n; i++) v.push(start.map((s, j) => (i - 1 === j ? pn : qn) + s));
  const fv = v.map((x) => f(x));
  const vm = new Array<number>(n);
  for (let itr = 1; itr <= MAX_ITERATIONS; itr++) {
    let vg = 0;
    let vs = 0;
    for (let i = 0; i <= n; i++) {
      if (fv[i]! > fv[vg]!) vg = i;
      if (fv[i]! < fv[vs]!) vs = i;
    }
    let vh = vs;
    for (let i = 0; i <= n; i++) if (fv[i]! > fv[vh]! && fv[i]! < fv[vg]!) vh = i;
    for (let i = 0; i < n; i++) {
      let c = 0;
      for (let k = 0; k <= n; k++) if (k !== vg) c += v[k]![i]!;
      vm[i] = c / n;
    }
    const vr = vm.map((c, i) => c + 1.0 * (c - v[vg]![i]!));
    const fr = f(vr);
    if (fr < fv[vh]! && fr >= fv[vs]!) {
      v[vg] = vr.slice();
      fv[vg] = fr;
    }
    if (fr < fv[vs]!) {
      const ve = vm.map((c, i) => c + 2.0 * (vr[i]! - c));
      const fe = f(ve);
      if (fe < fr) {
        v[vg] = ve.slice();
        fv[vg] = fe;
      } else {
        v[vg] = vr.slice();
        fv[vg] = fr;
      }
    }
    if (fr >= fv[vh]!) {
      const vc = fr < fv[vg]! && fr >= fv[vh]! ? vm.map((c, i) => c + 0.5 * (vr[i]! - c)) : vm.map((c, i) => c - 0.5 * (c - v[vg]![i]!));
      const fc = f(vc);
      if (fc < fv[vg]!) {
        v[vg] = vc.slice();
        fv[vg] = fc;
      } else {
        for (let row = 0; row <= n; row++) {
          if (row === vs) continue;
          for (let i = 0; i < n; i++) v[row]![i] = v[vs]![i]! + (v[row]![i]! - v[vs]![i]!) / 2.0;
        }
        fv[vg] = f(v[vg]!);
        fv[vh] = f(v[vh]!);
      }
    }
    let sum = 0;
    for (let i = 0; i <= n; i++) sum += fv[i]!;
    const avg = sum / (n + 1);
    let s = 0;
    for (let i = 0; i <= n; i++) s += Math.pow(fv[i]! - avg, 2) / n;
    if (Math.sqrt(s) < epsilon) break;
  }
  let vs = 0;
  for (let i = 0; i <= n; i++) if (fv[i]! < fv[vs]!) vs = i;
  const best = v[vs]!.slice();
  return [f(v[vs]!), best];
}

function roundTo(t: bigint, interval: bigint): bigint {
  const half = interval / 2n;
  const remainder = t % interval;
  return remainder > half ? (t / interval + 1n) * interval : (t / interval) * interval;
}

/** Forecast h points (with the fitted values before them when includeFit). */
export function holtWinters(points: HoltWintersPoint[], h: number, m: number, interval: bigint, includeFit: boolean): HoltWintersPoint[] {
  const seasonal = m >= 2;
  if (points.length < 2 || (seasonal && points.length < m) || h <= 0 || interval <= 0n) return [];
  const start = roundTo(points[0]!.time, interval);
  const stop = roundTo(points[points.length - 1]!.time, interval);
  if ((stop - start) / interval <= 0n) return [];
  const y: number[] = [points[0]!.value];
  let t = start;
  for (const p of points.slice(1)) {
    const rounded = roundTo(p.time, interval);
    if (rounded <= t) continue;
    t += interval;
    while (rounded !== t) {
      y.push(Number.NaN);
      t += interval;
    }
    y.push(p.value);
  }
  let l0 = 0;
  let b0 = 0;
  const s: number[] = [];
  if (seasonal) {
    for (let i = 0; i < m; i++) if (!Number.isNaN(y[i]!)) l0 += (1 / m) * y[i]!;
    for (let i = 0; i < m && m + i < y.length; i++) {
      if (!Number.isNaN(y[i]!) && !Number.isNaN(y[m + i]!)) b0 += (1 / (m * m)) * (y[m + i]! - y[i]!);
    }
    for (let i = 0; i < m; i++) s.push(Number.isNaN(y[i]!) ? 0 : y[i]! / l0);
  } else {
    l0 += WEIGHT * y[0]!;
    if (!Number.isNaN(y[1]!)) b0 = WEIGHT * (y[1]! - y[0]!);
  }
  const model = new Model(y, seasonal);
  const params = [0, 0, 0, 0, l0, b0, ...s];
  let minSSE = Number.POSITIVE_INFINITY;
  let best: number[] | undefined;
  for (let alpha = GUESS_LOWER; alpha < GUESS_UPPER; alpha += GUESS_STEP) {
    for (let beta = GUESS_LOWER; beta < GUESS_UPPER; beta += GUESS_STEP) {
      for (let gamma = GUESS_LOWER; gamma < GUESS_UPPER; gamma += GUESS_STEP) {
        for (let phi = GUESS_LOWER; phi < GUESS_UPPER; phi += GUESS_STEP) {
          params[0] = alpha;
          params[1] = beta;
          params[2] = gamma;
          params[3] = phi;
          const [sse, fitted] = nelderMead((x) => model.sse(x), params, EPSILON, 1);
          if (sse < minSSE || best === undefined) {
            minSSE = sse;
            best = fitted;
          }
        }
      }
    }
  }
  const forecast = model.forecast(h, best!);
  const out: HoltWintersPoint[] = [];
  if (includeFit) {
    const first = points[0]!.time;
    forecast.forEach((value, i) => {
      if (!Number.isNaN(value)) out.push({ time: first + interval * BigInt(i), value });
    });
  } else {
    const last = points[points.length - 1]!.time;
    forecast.slice(y.length).forEach((value, i) => {
      if (!Number.isNaN(value)) out.push({ time: last + interval * BigInt(i + 1), value });
    });
  }
  return out;
}
