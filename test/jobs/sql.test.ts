// The Sql transform's compiler and evaluator: projections, aliases, WHERE with SQL's null
// rules, CASE, CAST, and SeaTunnel's string, numeric and date/time functions.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileQuery } from '../../src/jobs/transforms/sql/compile.js';
import { parseRowType } from '../../src/jobs/row-type.js';
import { JobDefineError } from '../../src/jobs/errors.js';

const input = parseRowType({ name: 'string', age: 'int', score: 'double', ts: 'timestamp', tags: 'string' });
const rows: unknown[][] = [
  ['ann', 31, 1.5, new Date(Date.UTC(2024, 1, 29, 13, 4, 5)), 'a,b'],
  ['bob', 17, null, new Date(Date.UTC(2023, 11, 31, 23, 59, 59)), null],
  [null, 65, 10.25, null, 'x'],
];

function run(query: string): { names: string[]; types: string[]; out: unknown[][] } {
  const compiled = compileQuery(query, input);
  const out: unknown[][] = [];
  for (const fields of rows) {
    if (compiled.where !== undefined && compiled.where(fields) !== true) continue;
    out.push(compiled.columns.map((c) => c.eval(fields)));
  }
  return { names: compiled.rowType.names, types: compiled.rowType.types.map((t) => t.kind), out };
}

test('projections, aliases and SELECT *', () => {
  const star = compileQuery('select * from fake', input);
  assert.equal(star.passThrough, true);
  assert.deepEqual(star.rowType.names, input.names);
  const r = run('select name as who, age + 1 as nxt, age * score, age / 2 as half, age % 5 m from fake');
  assert.deepEqual(r.names, ['who', 'nxt', 'EXPR$2', 'half', 'm']);
  assert.deepEqual(r.types, ['string', 'int', 'double', 'int', 'int']);
  assert.deepEqual(r.out, [
    ['ann', 32, 46.5, 15, 1],
    ['bob', 18, null, 8, 2],
    [null, 66, 666.25, 32, 0],
  ]);
});

test('WHERE: comparisons, AND/OR/NOT, IN, BETWEEN, LIKE, IS NULL with SQL null rules', () => {
  const names = (where: string) => run(`select name from t where ${where}`).out.map((r) => r[0]);
  assert.deepEqual(names('age > 20'), ['ann', null]);
  assert.deepEqual(names('score > 1'), ['ann', null], 'null compares to unknown, which WHERE drops');
  assert.deepEqual(names('not (score > 1)'), []);
  assert.deepEqual(names('age in (17, 65)'), ['bob', null]);
  assert.deepEqual(names('age not in (17, 65)'), ['ann']);
  assert.deepEqual(names('age between 17 and 31'), ['ann', 'bob']);
  assert.deepEqual(names("name like 'a%'"), ['ann']);
  assert.deepEqual(names("name not like '_o_'"), ['ann']);
  assert.deepEqual(names('score is null'), ['bob']);
  assert.deepEqual(names('name is not null and (age < 20 or score > 1)'), ['ann', 'bob']);
  assert.deepEqual(names("name = 'bob' or age = 65"), ['bob', null]);
});

test('CASE (searched and simple) and CAST', () => {
  const r = run(
    "select CASE WHEN age >= 65 THEN 'senior' WHEN age >= 18 THEN 'adult' ELSE 'minor' END as grp, CASE age WHEN 17 THEN 'seventeen' END s, CAST(age AS STRING) a, CAST(score AS INT) i, CAST(score AS DECIMAL(10,1)) d, CAST('true' AS BOOLEAN) b, CAST(ts AS DATE) d2 from t",
  );
  assert.deepEqual(r.types, ['string', 'string', 'string', 'int', 'decimal', 'boolean', 'date']);
  assert.deepEqual(r.out, [
    ['adult', null, '31', 1, 1.5, true, '2024-02-29'],
    ['minor', 'seventeen', '17', null, null, true, '2023-12-31'],
    ['senior', null, '65', 10, 10.3, true, null],
  ]);
  assert.throws(() => run('select CAST(name AS INT) from t'), /Cannot cast "ann" to INT/);
});

test('string functions', () => {
  const r = run(
    "select UPPER(name), LOWER('AbC'), LENGTH(name), CONCAT(name, '-', age), CONCAT_WS('|', name, tags), SUBSTRING(name, 2, 1), SUBSTR(name, 2), TRIM('  x '), LTRIM('xxa', 'x'), RPAD(name, 5, '*'), LPAD(CAST(age AS STRING), 4, '0'), REPLACE(name, 'n', 'N'), REGEXP_REPLACE('a1b22', '[0-9]+', '#'), LEFT(name, 2), RIGHT(name, 2), LOCATE('n', name), REPEAT('ab', 2), INSTR(name, 'b'), name || '!' from t where age < 40",
  );
  assert.deepEqual(r.out, [
    ['ANN', 'abc', 3, 'ann-31', 'ann|a,b', 'n', 'nn', 'x', 'a', 'ann**', '0031', 'aNN', 'a#b#', 'an', 'nn', 2, 'abab', 0, 'ann!'],
    ['BOB', 'abc', 3, 'bob-17', 'bob', 'o', 'ob', 'x', 'a', 'bob**', '0017', 'bob', 'a#b#', 'bo', 'ob', 0, 'abab', 1, 'bob!'],
  ]);
  assert.deepEqual(run('select UPPER(name), COALESCE(name, tags), IFNULL(score, 0), NULLIF(age, 65) from t where age = 65').out, [[null, 'x', 10.25, null]]);
});

test('numeric functions', () => {
  const r = run(
    'select ABS(-age), ROUND(score, 1), CEIL(score), FLOOR(score), MOD(age, 7), POWER(2, 3), SQRT(16), SIGN(-3), TRUNCATE(10.789, 2), LOG10(100), PI() > 3 from t where age = 65',
  );
  assert.deepEqual(r.out, [[65, 10.3, 11, 10, 2, 8, 4, -1, 10.78, 2, true]]);
});

test('date and time functions', () => {
  const r = run(
    "select YEAR(ts), MONTH(ts), DAY_OF_MONTH(ts), HOUR(ts), MINUTE(ts), SECOND(ts), QUARTER(ts), DAYNAME(ts), MONTHNAME(ts), FORMATDATETIME(ts, 'yyyy/MM/dd HH:mm'), DATEADD('DAY', 1, ts), DATEDIFF('DAY', ts, '2024-03-10T00:00:00'), DATE_TRUNC('MONTH', ts), EXTRACT(YEAR FROM ts), PARSEDATETIME('2024-05-06 07:08:09', 'yyyy-MM-dd HH:mm:ss') from t where name = 'ann'",
  );
  const [row] = r.out;
  assert.deepEqual(row!.slice(0, 10), [2024, 2, 29, 13, 4, 5, 1, 'Thursday', 'February', '2024/02/29 13:04']);
  assert.deepEqual(row![10], new Date(Date.UTC(2024, 2, 1, 13, 4, 5)));
  assert.equal(row![11], 9);
  assert.deepEqual(row![12], new Date(Date.UTC(2024, 1, 1)));
  assert.equal(row![13], 2024);
  assert.deepEqual(row![14], new Date(Date.UTC(2024, 4, 6, 7, 8, 9)));
  assert.ok(run('select CURRENT_TIMESTAMP, NOW(), UUID() from t where age = 17').out[0]!.every((v) => v !== null));
});

test('bad queries fail at submit with clear messages', () => {
  assert.throws(
    () => compileQuery('select nope from t', input),
    (e: Error) => e instanceof JobDefineError && /Unknown column 'nope'/.test(e.message),
  );
  assert.throws(() => compileQuery('select from where', input), /SQL parse failed/);
  assert.throws(() => compileQuery('select NO_SUCH_FN(age) from t', input), /Unsupported function: NO_SUCH_FN/);
  assert.throws(() => compileQuery('select count(*) from t', input), /Aggregate function/);
  assert.throws(() => compileQuery('delete from t', input), /only SELECT/);
});
