// Unit tests of the line-protocol parser: every value type, escapes, precision, and the
// per-line errors InfluxDB words.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePoints } from '../../src/lineprotocol/parse.js';

const options = { precision: '', defaultTime: 42n, database: 'db', retentionPolicy: 'rp' };

function one(line: string, precision = '') {
  const result = parsePoints(line, { ...options, precision });
  assert.deepEqual(result.errors, []);
  assert.equal(result.points.length, 1);
  return result.points[0]!;
}

function error(line: string): string {
  const result = parsePoints(line, options);
  assert.equal(result.points.length, 0);
  assert.equal(result.errors.length, 1);
  return result.errors[0]!;
}

test('a full line: measurement, tags, typed fields and time', () => {
  const point = one('cpu,host=a,region=west f=1.5,i=-3i,u=7u,s="x y",b=t 1500000000000000001');
  assert.equal(point.name, 'cpu');
  assert.deepEqual(point.tags, { host: 'a', region: 'west' });
  assert.deepEqual(point.fields, { f: 1.5, i: -3n, u: 7n, s: 'x y', b: true });
  assert.equal(point.time, 1500000000000000001n);
  assert.equal(point.database, 'db');
  assert.equal(point.retentionPolicy, 'rp');
});

test('every boolean spelling', () => {
  for (const [text, value] of [
    ['t', true],
    ['T', true],
    ['true', true],
    ['True', true],
    ['TRUE', true],
    ['f', false],
    ['F', false],
    ['false', false],
    ['False', false],
    ['FALSE', false],
  ] as const) {
    assert.equal(one(`m v=${text}`).fields.v, value, text);
  }
  assert.match(error('m v=tru'), /invalid boolean$/);
});

test('floats in every form, and no integer/float confusion', () => {
  assert.equal(one('m v=1').fields.v, 1);
  assert.equal(typeof one('m v=1').fields.v, 'number');
  assert.equal(one('m v=-1.5e3').fields.v, -1500);
  assert.equal(one('m v=.5').fields.v, 0.5);
  assert.equal(one('m v=1E-2').fields.v, 0.01);
  assert.match(error('m v=1x'), /invalid number$/);
  assert.match(error('m v=0x10'), /invalid number$/);
  assert.match(error('m v=1e'), /invalid number$/);
});

test('integers keep int64 exactness and range', () => {
  assert.equal(one('m v=9223372036854775807i').fields.v, 9223372036854775807n);
  assert.match(error('m v=9223372036854775808i'), /out of range/);
  assert.match(error('m v=1.5i'), /invalid number$/);
  assert.match(error('m v=-1u'), /invalid number$/);
});

test('escapes in measurement, tag keys and values, field keys and string values', () => {
  const point = one('my\\ cpu\\,x,ho\\=st=a\\ b\\,c f\\ k="say \\"hi\\" \\\\ now" 1');
  assert.equal(point.name, 'my cpu,x');
  assert.deepEqual(point.tags, { 'ho=st': 'a b,c' });
  assert.deepEqual(point.fields, { 'f k': 'say "hi" \\ now' });
});

test('a string field may hold newlines, commas and spaces', () => {
  const result = parsePoints('m s="a\nb, c=d" 1\nm v=2 2\n', options);
  assert.deepEqual(result.errors, []);
  assert.equal(result.points[0]!.fields.s, 'a\nb, c=d');
  assert.equal(result.points[1]!.fields.v, 2);
});

test('missing timestamp takes the default time; blank lines, comments and CRLF are fine', () => {
  const result = parsePoints('\n# comment\r\nm v=1\r\n   \nm v=2 5\r\n', options);
  assert.deepEqual(result.errors, []);
  assert.deepEqual(
    result.points.map((p) => p.time),
    [42n, 5n],
  );
});

test('precision scales the timestamp exactly', () => {
  assert.equal(one('m v=1 2', 's').time, 2_000_000_000n);
  assert.equal(one('m v=1 2', 'ms').time, 2_000_000n);
  assert.equal(one('m v=1 2', 'u').time, 2_000n);
  assert.equal(one('m v=1 2', 'µ').time, 2_000n);
  assert.equal(one('m v=1 2', 'n').time, 2n);
  assert.equal(one('m v=1 2', 'ns').time, 2n);
  assert.equal(one('m v=1 2', 'm').time, 120_000_000_000n);
  assert.equal(one('m v=1 2', 'h').time, 7_200_000_000_000n);
  assert.equal(one('m v=1 1500000000', 's').time, 1500000000000000000n);
  assert.throws(() => parsePoints('m v=1', { ...options, precision: 'x' }), /invalid precision/);
});

test('tags come out sorted by key', () => {
  assert.deepEqual(Object.keys(one('m,z=1,a=2,m=3 v=1').tags), ['a', 'm', 'z']);
});

test('bad lines are reported with the line and the reason; good lines still parse', () => {
  const result = parsePoints('m v=1 1\nm\nm,t v=1\nm v=\nm v=1 abc\nm v="open\n', options);
  assert.equal(result.points.length, 1);
  assert.deepEqual(result.errors, [
    "unable to parse 'm': missing fields",
    "unable to parse 'm,t v=1': missing tag value",
    "unable to parse 'm v=': missing field value",
    "unable to parse 'm v=1 abc': bad timestamp",
    "unable to parse 'm v=\"open': unbalanced quotes",
  ]);
});

test('structural errors', () => {
  assert.match(error(',t=1 v=1'), /missing measurement$/);
  assert.match(error('m,=1 v=1'), /missing tag key$/);
  assert.match(error('m,a=1,a=2 v=1'), /duplicate tags$/);
  assert.match(error('m v'), /missing field value$|invalid field format$/);
  assert.match(error('m =1'), /missing field key$/);
  assert.match(error('m v=1 1 2'), /bad timestamp$/);
  assert.match(error('this is not line protocol'), /^unable to parse 'this is not line protocol': /);
});

test('floats read without a substring round exactly as Number() does', () => {
  const texts = [
    '0',
    '-0',
    '1.',
    '.5',
    '-.25',
    '0.1',
    '12.345678',
    '99.99',
    '123456789012345',
    '1234567890.12345',
    '0.000000000000001',
    '1234567890123456',
    '1.7976931348623157',
    '007',
    '+1.5',
    '1e3',
    '-2.5E-3',
  ];
  for (const text of texts) {
    assert.ok(Object.is(one(`m f=${text}`).fields.f, Number(text)), text);
  }
  // every digit count up to the fast path's limit and past it, with fractions
  for (let digits = 1; digits <= 17; digits++) {
    const text = '9876543210987654321'.slice(0, digits);
    for (let dot = 0; dot < digits; dot++) {
      const value = `${text.slice(0, dot)}.${text.slice(dot)}`;
      assert.ok(Object.is(one(`m f=${value}`).fields.f, Number(value)), value);
    }
  }
  assert.match(error('m f=1.2.3'), /invalid number$/);
  assert.match(error('m f=-'), /invalid number$/);
});

test('timestamps: lines sharing one keep their value; every length and precision converts exactly', () => {
  const result = parsePoints('m v=1 1500000000\nm v=2 1500000000\nm v=3 1500000001', { ...options, precision: 's' });
  assert.deepEqual(
    result.points.map((p) => p.time),
    [1500000000000000000n, 1500000000000000000n, 1500000001000000000n],
  );
  assert.equal(one('m v=1 1500000000', 'ms').time, 1500000000000000n);
  assert.equal(one('m v=1 1500000000').time, 1500000000n);
  for (const text of ['0', '7', '123456789012345', '1234567890123456', '999999999999999999', '9223372036854775807', '0000000000000000042']) {
    assert.equal(one(`m v=1 ${text}`).time, BigInt(text), text);
  }
  assert.equal(one('m v=1 -1500000000', 's').time, -1500000000000000000n);
  assert.match(error('m v=1 9223372036854775808'), /bad timestamp$/);
  assert.match(error('m v=1 10000000000000000000'), /bad timestamp$/);
  const seconds = parsePoints('m v=1 9223372037', { ...options, precision: 's' });
  assert.match(seconds.errors[0] ?? '', /bad timestamp$/);
  assert.equal(one('m v=1 1500000000 \r').time, 1500000000n);
});

test('field keys repeated line after line, and keys that only start like the previous ones', () => {
  const result = parsePoints('m a=1,bb=2\nm a=3,bb=4\nm ab=5,b=6\nm a\\ b=7', options);
  assert.deepEqual(result.errors, []);
  assert.deepEqual(
    result.points.map((p) => p.fields),
    [{ a: 1, bb: 2 }, { a: 3, bb: 4 }, { ab: 5, b: 6 }, { 'a b': 7 }],
  );
});

test('large bodies parse in pieces with the same points and errors as a single string', () => {
  const lines: string[] = [];
  for (let i = 0; i < 6000; i++) lines.push(i % 1000 === 999 ? `bad line ${i}` : `cpu,host=h${i % 37} v=${i}.5,n=${i}i ${1600000000 + i}`);
  const text = lines.join('\n') + '\n';
  for (const body of [text, `${text}s f="a\nb" 1\n${text}`]) {
    const whole = parsePoints(body, options);
    const pieces = parsePoints(Buffer.from(body), options);
    assert.ok(Buffer.byteLength(body) > 200_000);
    assert.deepEqual(pieces.errors, whole.errors);
    assert.equal(pieces.points.length, whole.points.length);
    assert.deepEqual(pieces.points, whole.points);
  }
  // multi-byte text: pieces are cut at newlines, never inside a character
  const utf8 = lines.map((l) => l.replace('cpu', 'cpü')).join('\n');
  const parsed = parsePoints(Buffer.from(utf8), options);
  assert.equal(parsed.points[5993]!.name, 'cpü');
  assert.equal(parsed.points.length, 5994);
});

test('interleaved series with different field keys keep their own keys', () => {
  const body = 'a,h=1 x=1,y=2 1\nb,h=1 y=3,x=4 2\na,h=1 x=5,z=6 3\nb,h=1 y=7,x=8 4\n';
  const result = parsePoints(body, { precision: '', defaultTime: 0n, database: 'db', retentionPolicy: 'rp' });
  assert.deepEqual(result.errors, []);
  assert.deepEqual(
    result.points.map((p) => p.fields),
    [
      { x: 1, y: 2 },
      { y: 3, x: 4 },
      { x: 5, z: 6 },
      { y: 7, x: 8 },
    ],
  );
});

test('a series whose field keys change keeps each line its own keys, values and order', () => {
  const result = parsePoints(
    ['m,h=a x=1,y=2i 1', 'm,h=a x=3,y=4i 2', 'm,h=a y=5i,x=6 3', 'm,h=a x=7 4', 'm,h=a x=8,y=9i,z="s" 5', 'm,h=a x=10,y=11i 6'].join('\n'),
    options,
  );
  assert.deepEqual(result.errors, []);
  const fields = result.points.map((point) => point.fields);
  assert.deepEqual(fields, [{ x: 1, y: 2n }, { x: 3, y: 4n }, { y: 5n, x: 6 }, { x: 7 }, { x: 8, y: 9n, z: 's' }, { x: 10, y: 11n }]);
  assert.deepEqual(Object.keys(fields[2]!), ['y', 'x']);
  // every line has its own object, even when the series and keys repeat
  assert.notEqual(fields[0], fields[1]);
});

test('hostile and unusual field keys build plain objects without touching prototypes', () => {
  const result = parsePoints(
    [
      'm __proto__=1,a=2 1',
      'm __proto__=1,a=2 2',
      'm a=1,a=2 3',
      'm a=1,a=2 4',
      'm k\\"ey=1,"q"=2,\\\\x=3 5',
      'm k\\"ey=1,"q"=2,\\\\x=3 6',
      'm constructor=1 7',
    ].join('\n'),
    options,
  );
  assert.deepEqual(result.errors, []);
  assert.equal(Object.getPrototypeOf(result.points[0]!.fields), Object.prototype);
  assert.equal(result.points[1]!.fields.a, 2);
  assert.equal(({} as Record<string, unknown>).a, undefined);
  assert.deepEqual(result.points[2]!.fields, { a: 2 });
  assert.deepEqual(result.points[3]!.fields, { a: 2 });
  assert.deepEqual(result.points[5]!.fields, { 'k\\"ey': 1, '"q"': 2, '\\\\x': 3 });
  assert.equal(Object.getOwnPropertyDescriptor(result.points[6]!.fields, 'constructor')?.value, 1);
});

test('lines with more fields than a builder covers still parse every field', () => {
  const wide = Array.from({ length: 80 }, (_, k) => `f${k}=${k}i`).join(',');
  const result = parsePoints(`m ${wide} 1\nm ${wide} 2`, options);
  assert.deepEqual(result.errors, []);
  for (const point of result.points) {
    assert.equal(Object.keys(point.fields).length, 80);
    assert.equal(point.fields.f79, 79n);
  }
});

test('integers read without a substring: repeats, signs, the 2^53 edge and beyond', () => {
  const values = ['0', '-0', '7', '7', '-7', '9007199254740991', '9007199254740992', '9007199254740993', '-9007199254740993', '123456789012345678', '7'];
  const result = parsePoints(values.map((value, k) => `m,h=a v=${value}i,w=${value}i ${k + 1}`).join('\n'), options);
  assert.deepEqual(result.errors, []);
  result.points.forEach((point, k) => {
    assert.equal(point.fields.v, BigInt(values[k]!), values[k]);
    assert.equal(point.fields.w, BigInt(values[k]!), values[k]);
  });
  assert.match(error('m v=12ia'), /invalid number$/);
  assert.match(error('m v=-i'), /invalid number$/);
});

test('floats with up to 22 decimals and 15-17 significant digits equal Number()', () => {
  const texts = [
    '93.33333333333333',
    '0.30000000000000004',
    '1234567890123456.7',
    '9007199254740991',
    '9007199254740993',
    '0.0000000000000000000001',
    '0.00000000000000000000001',
    '-2.2250738585072014',
    '123.4567890123456789012',
    '4503599627370495.5',
    '0.1',
    '-0.0',
  ];
  for (const text of texts) {
    const value = one(`m v=${text}`).fields.v;
    assert.equal(typeof value, 'number');
    assert.ok(Object.is(value, Number(text)), `${text}: ${String(value)} vs ${Number(text)}`);
  }
});

test('a bad timestamp is not remembered for the next line with the same digits', () => {
  const result = parsePoints('m v=1 1500000000000000000\nm v=1 9500000000000000000\nm v=1 9500000000000000000\nm v=1 1500000000000000000', options);
  assert.equal(result.points.length, 2);
  assert.equal(result.errors.length, 2);
  assert.equal(result.points[0]!.time, 1500000000000000000n);
  assert.equal(result.points[1]!.time, 1500000000000000000n);
  // one high part shared by successive timestamps, different last nine digits
  const near = parsePoints('m v=1 1500000000000000001\nm v=1 1500000000999999999\nm v=1 1500000001000000000', options);
  assert.deepEqual(
    near.points.map((point) => point.time),
    [1500000000000000001n, 1500000000999999999n, 1500000001000000000n],
  );
  const seconds = parsePoints('m v=1 1500000000\nm v=1 1500000001', { ...options, precision: 's' });
  assert.deepEqual(
    seconds.points.map((point) => point.time),
    [1500000000000000000n, 1500000001000000000n],
  );
});

test('successive timestamps of every length, step and precision convert exactly', () => {
  // a deterministic walk: small steps, repeated steps, jumps across digit counts and precisions
  let seed = 7;
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const precisions: Array<[string, bigint]> = [
    ['ns', 1n],
    ['u', 1000n],
    ['ms', 1_000_000n],
    ['s', 1_000_000_000n],
  ];
  const bases = [0n, 999n, 999_999_999_999_999n, 1_000_000_000_000_000n, 1_700_000_000_000_000_000n, 9_223_372_036_000_000_000n];
  for (const [precision, multiplier] of precisions) {
    const texts: string[] = [];
    let value = bases[0]!;
    for (let i = 0; i < 400; i++) {
      const pick = random();
      if (pick < 0.1) value = bases[Math.floor(random() * bases.length)]!;
      else if (pick < 0.5) value += 10_000_000_000n;
      else if (pick < 0.7) value += BigInt(Math.floor(random() * 1e12));
      else if (pick < 0.8) value -= BigInt(Math.floor(random() * 1e9));
      else if (pick < 0.9) value += 8_000_000_000_000_000n;
      if (value < 0n) value = 0n;
      texts.push(value.toString());
    }
    const result = parsePoints(texts.map((text, i) => `m v=${i} ${text}`).join('\n'), { ...options, precision });
    const expected = texts.map((text) => BigInt(text) * multiplier);
    const valid = expected.filter((time) => time <= 9223372036854775807n);
    assert.equal(result.errors.length, expected.length - valid.length, precision);
    assert.deepEqual(
      result.points.map((point) => point.time),
      valid,
      precision,
    );
  }
  // the same step in another precision, write after write
  for (let i = 0; i < 40; i++) {
    const [precision, multiplier] = precisions[i % precisions.length]!;
    const first = 1_500_000_000n + BigInt(i);
    const result = parsePoints(`m v=1 ${first}\nm v=2 ${first + 1n}`, { ...options, precision });
    assert.deepEqual(
      result.points.map((point) => point.time),
      [first * multiplier, (first + 1n) * multiplier],
      precision,
    );
  }
});

test('a field key written with escapes is never matched against the raw text of a later line', () => {
  const lines = ['m a\\=b=1', 'm a=b=1', 'm a\\,b=2,c=3', 'm a,b=2,c=3', 'm a\\ b=4', 'm a b=4', 'm a\\=b=5'];
  const together = parsePoints(lines.join('\n'), options);
  const alone = lines.map((line) => parsePoints(line, options));
  assert.deepEqual(
    together.points.map((point) => point.fields),
    alone.flatMap((result) => result.points.map((point) => point.fields)),
  );
  assert.deepEqual(
    together.errors,
    alone.flatMap((result) => result.errors),
  );
  assert.deepEqual(together.points[0]!.fields, { 'a=b': 1 });
  assert.equal(together.errors.length, 3);
});

test('series with the same field keys share one key list, and integer memory is per series', () => {
  const result = parsePoints('m,h=a x=1i,y=2i\nm,h=b x=1i,y=3i\nm,h=a x=5i,y=2i\nm,h=b x=1i,y=3i', options);
  assert.deepEqual(
    result.points.map((point) => point.fields),
    [
      { x: 1n, y: 2n },
      { x: 1n, y: 3n },
      { x: 5n, y: 2n },
      { x: 1n, y: 3n },
    ],
  );
  assert.deepEqual(Object.keys(result.points[0]!.fields), Object.keys(result.points[1]!.fields));
});

test('series written again keep their tags object while ever new series pass through the cache', () => {
  // each round: the same 10k active series, then 150k series never seen again; over the
  // rounds far more series pass than the cache holds
  const active = 10_000;
  const passing = 150_000;
  const round = (r: number) => {
    let text = '';
    for (let s = 0; s < active; s++) text += `gen,s=a${s} v=${r} ${r}\n`;
    for (let s = 0; s < passing; s++) text += `gen,s=r${r}-${s} v=${r} ${r}\n`;
    const result = parsePoints(text, options);
    assert.deepEqual(result.errors, []);
    return result.points;
  };
  let last = round(1);
  for (let r = 2; r <= 5; r++) {
    const points = round(r);
    for (let s = 0; s < active; s++) {
      assert.deepEqual(points[s]!.tags, { s: `a${s}` });
      assert.equal(points[s]!.tags, last[s]!.tags, `series a${s} in round ${r}`);
    }
    last = points;
  }
});

test('multi-byte text in every token, repeated so cached series and key hints are used, equals a per-line parse', () => {
  const lines = [
    'température,pièce=salle\\ à\\ manger,étage=1 degrés=21.5,état="ouvert, à moitié",compte=3i 1600000000000000000',
    'température,pièce=salle\\ à\\ manger,étage=1 degrés=22.5,état="fermé",compte=4i 1600000000000000001',
    'm\\,ü,k\\=é=v\\ é f\\=ü=1,g\\ ü="ü\\"ü" 5',
    'm\\,ü,k\\=é=v\\ é f\\=ü=2,g\\ ü="x" 6',
    '温度,地点=北京 值=1.25 7',
    '温度,地点=北京 值=2.5 8',
  ];
  const body = parsePoints(Buffer.from(lines.join('\n')), options);
  assert.deepEqual(body.errors, []);
  const single = lines.map((line) => one(line));
  assert.deepEqual(body.points, single);
  assert.deepEqual(single[0]!.tags, { pièce: 'salle à manger', étage: '1' });
  assert.deepEqual(single[1]!.fields, { degrés: 22.5, état: 'fermé', compte: 4n });
  assert.equal(single[2]!.name, 'm,ü');
  assert.deepEqual(single[2]!.tags, { 'k=é': 'v é' });
  assert.deepEqual(single[3]!.fields, { 'f=ü': 2, 'g ü': 'x' });
  assert.equal(single[4]!.name, '温度');
  assert.deepEqual(single[5]!.fields, { 值: 2.5 });
});

test('errors quote multi-byte lines whole, and invalid UTF-8 reads as U+FFFD as a decoded body would', () => {
  const parsed = parsePoints(Buffer.from('ü,t=é v=\n'), options);
  assert.deepEqual(parsed.errors, ["unable to parse 'ü,t=é v=': missing field value"]);
  const invalid = Buffer.concat([Buffer.from('m,t='), Buffer.from([0xc3, 0x28]), Buffer.from(' v=1 1\n')]);
  const point = parsePoints(invalid, options).points[0]!;
  assert.deepEqual(point.tags, { t: '\ufffd(' });
});

test('a body ending without a newline, inside a key the previous line wrote whole', () => {
  const parsed = parsePoints(Buffer.from('m a_long_field_key=1,another_long_key=2 1\nm a_long_field_key=3,another_lo'), options);
  assert.equal(parsed.points.length, 1);
  assert.deepEqual(parsed.errors, ["unable to parse 'm a_long_field_key=3,another_lo': invalid field format"]);
  for (const cut of ['m a_long_fi', 'm a_long_field_key', 'm a_long_field_key=', 'm a_long_field_key=3,']) {
    const result = parsePoints(Buffer.from(`m a_long_field_key=1 1\n${cut}`), options);
    assert.equal(result.points.length, 1, cut);
    assert.equal(result.errors.length, 1, cut);
    assert.match(result.errors[0]!, new RegExp(`^unable to parse '${cut}': `));
  }
  assert.deepEqual(parsePoints(Buffer.from('m v=1 1'), options).points[0]!.fields, { v: 1 });
  assert.deepEqual(parsePoints(Buffer.from('m s="open'), options).errors, ["unable to parse 'm s=\"open': unbalanced quotes"]);
});
