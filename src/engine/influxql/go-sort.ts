// Go 1.13's sort.Sort (the unstable quicksort / heapsort / insertion-sort hybrid with a gap-6
// shell pass) and container/heap's Init and Pop, reproduced step for step: Kapacitor 1.5.7's
// InfluxQL reducers (median, mode, percentile, top, bottom) pick among equal values by the
// order these leave them in. Works on indexes through less/swap; never allocates per element.

export interface Sortable {
  readonly length: number;
  less(i: number, j: number): boolean;
  swap(i: number, j: number): void;
}

function insertionSort(data: Sortable, a: number, b: number): void {
  for (let i = a + 1; i < b; i++) {
    for (let j = i; j > a && data.less(j, j - 1); j--) data.swap(j, j - 1);
  }
}

function siftDown(data: Sortable, lo: number, hi: number, first: number): void {
  let root = lo;
  for (;;) {
    let child = 2 * root + 1;
    if (child >= hi) return;
    if (child + 1 < hi && data.less(first + child, first + child + 1)) child++;
    if (!data.less(first + root, first + child)) return;
    data.swap(first + root, first + child);
    root = child;
  }
}

function heapSort(data: Sortable, a: number, b: number): void {
  const first = a;
  const hi = b - a;
  for (let i = Math.trunc((hi - 1) / 2); i >= 0; i--) siftDown(data, i, hi, first);
  for (let i = hi - 1; i >= 0; i--) {
    data.swap(first, first + i);
    siftDown(data, 0, i, first);
  }
}

/** Moves the median of data[m0], data[m1], data[m2] into data[m1]. */
function medianOfThree(data: Sortable, m1: number, m0: number, m2: number): void {
  if (data.less(m1, m0)) data.swap(m1, m0);
  if (data.less(m2, m1)) {
    data.swap(m2, m1);
    if (data.less(m1, m0)) data.swap(m1, m0);
  }
}

function doPivot(data: Sortable, lo: number, hi: number): [number, number] {
  const m = (lo + hi) >>> 1;
  if (hi - lo > 40) {
    const s = Math.trunc((hi - lo) / 8);
    medianOfThree(data, lo, lo + s, lo + 2 * s);
    medianOfThree(data, m, m - s, m + s);
    medianOfThree(data, hi - 1, hi - 1 - s, hi - 1 - 2 * s);
  }
  medianOfThree(data, lo, m, hi - 1);
  const pivot = lo;
  let a = lo + 1;
  let c = hi - 1;
  while (a < c && data.less(a, pivot)) a++;
  let b = a;
  for (;;) {
    while (b < c && !data.less(pivot, b)) b++;
    while (b < c && data.less(pivot, c - 1)) c--;
    if (b >= c) break;
    data.swap(b, c - 1);
    b++;
    c--;
  }
  let protect = hi - c < 5;
  if (!protect && hi - c < Math.trunc((hi - lo) / 4)) {
    let dups = 0;
    if (!data.less(pivot, hi - 1)) {
      data.swap(c, hi - 1);
      c++;
      dups++;
    }
    if (!data.less(b - 1, pivot)) {
      b--;
      dups++;
    }
    if (!data.less(m, pivot)) {
      data.swap(m, b - 1);
      b--;
      dups++;
    }
    protect = dups > 1;
  }
  if (protect) {
    for (;;) {
      while (a < b && !data.less(b - 1, pivot)) b--;
      while (a < b && data.less(a, pivot)) a++;
      if (a >= b) break;
      data.swap(a, b - 1);
      a++;
      b--;
    }
  }
  data.swap(pivot, b - 1);
  return [b - 1, c];
}

function quickSort(data: Sortable, a: number, b: number, maxDepth: number): void {
  while (b - a > 12) {
    if (maxDepth === 0) {
      heapSort(data, a, b);
      return;
    }
    maxDepth--;
    const [mlo, mhi] = doPivot(data, a, b);
    if (mlo - a < b - mhi) {
      quickSort(data, a, mlo, maxDepth);
      a = mhi;
    } else {
      quickSort(data, mhi, b, maxDepth);
      b = mlo;
    }
  }
  if (b - a > 1) {
    for (let i = a + 6; i < b; i++) if (data.less(i, i - 6)) data.swap(i, i - 6);
    insertionSort(data, a, b);
  }
}

/** Go's sort.Sort. */
export function goSort(data: Sortable): void {
  let depth = 0;
  for (let i = data.length; i > 0; i >>= 1) depth++;
  quickSort(data, 0, data.length, depth * 2);
}

/** Sorts an array in place as Go's sort.Sort would with this less. */
export function goSortArray<T>(items: T[], less: (a: T, b: T) => boolean): T[] {
  goSort({
    length: items.length,
    less: (i, j) => less(items[i]!, items[j]!),
    swap: (i, j) => {
      const t = items[i]!;
      items[i] = items[j]!;
      items[j] = t;
    },
  });
  return items;
}

function heapDown<T>(items: T[], less: (a: T, b: T) => boolean, i0: number, n: number): void {
  let i = i0;
  for (;;) {
    const j1 = 2 * i + 1;
    if (j1 >= n) return;
    let j = j1;
    const j2 = j1 + 1;
    if (j2 < n && less(items[j2]!, items[j1]!)) j = j2;
    if (!less(items[j]!, items[i]!)) return;
    const t = items[i]!;
    items[i] = items[j]!;
    items[j] = t;
    i = j;
  }
}

/** container/heap Init followed by `count` Pops: the popped items in order. Consumes `items`. */
export function heapPops<T>(items: T[], less: (a: T, b: T) => boolean, count: number): T[] {
  const n = items.length;
  for (let i = Math.trunc(n / 2) - 1; i >= 0; i--) heapDown(items, less, i, n);
  const out: T[] = [];
  for (let k = 0; k < count && items.length > 0; k++) {
    const last = items.length - 1;
    const t = items[0]!;
    items[0] = items[last]!;
    items[last] = t;
    heapDown(items, less, 0, last);
    out.push(items.pop()!);
  }
  return out;
}
