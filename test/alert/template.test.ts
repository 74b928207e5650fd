import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GoDuration, GoTime, StringMap, TemplateError, compileTemplate } from '../../src/alert/template/index.js';

const data = {
  ID: 'cpu:nil',
  Name: 'cpu',
  TaskName: 'task',
  Group: 'host=a',
  Tags: new StringMap({ host: 'serverA', dc: 'east' }),
  Fields: { value: 42.5, count: 10n, ok: true, text: 'a<b' },
  Level: 'CRITICAL',
  Time: new GoTime(31_536_010_500_000_000n),
  Duration: new GoDuration(90_000_000_000n),
};

function render(source: string, mode: 'text' | 'html' = 'text'): string {
  return compileTemplate('t', source, mode).execute(data);
}

test('fields, index and default formatting', () => {
  assert.equal(render('kapacitor/{{ .Name }}/{{ index .Tags "host" }}'), 'kapacitor/cpu/serverA');
  assert.equal(render('{{.ID}} is {{.Level}}'), 'cpu:nil is CRITICAL');
  assert.equal(render('{{ .Tags.dc }}|{{ index .Tags "missing" }}|{{ index .Fields "missing" }}'), 'east||<no value>');
  assert.equal(render('{{ index .Fields "value" }} {{ index .Fields "count" }} {{ .Fields.ok }}'), '42.5 10 true');
  assert.equal(render('{{ .Time }}'), '1971-01-01 00:00:10.5 +0000 UTC');
  assert.equal(render('{{ .Duration }}'), '1m30s');
  assert.equal(render('{{ .Tags }}'), 'map[dc:east host:serverA]');
});

test('printf and pipelines', () => {
  assert.equal(render('{{ printf "%.2f" (index .Fields "value") }}'), '42.50');
  assert.equal(render('{{ index .Fields "value" | printf "%6.1f|" }}'), '  42.5|');
  assert.equal(render('{{ printf "%s=%d %v %q" .Name (index .Fields "count") .Level "x" }}'), 'cpu=10 CRITICAL "x"');
  assert.equal(render('{{ printf "%d" .Name }}'), '%!d(string=cpu)');
  assert.equal(render('{{ len .Tags }} {{ len .Name }}'), '2 3');
});

test('if / else if / else, comparisons and logic', () => {
  const source = '{{ if eq .Level "OK" }}ok{{ else if gt (index .Fields "value") 40.0 }}high{{ else }}low{{ end }}';
  assert.equal(render(source), 'high');
  assert.equal(render('{{ if and .Name (not .Fields.missing) }}y{{ end }}'), 'y');
  assert.equal(render('{{ or .Fields.missing "fallback" }}'), 'fallback');
  assert.equal(render('{{ if ne .Level "CRITICAL" }}a{{ else }}b{{ end }}'), 'b');
  assert.equal(render('{{ if lt (index .Fields "count") 5 }}a{{ else }}b{{ end }}'), 'b');
  assert.equal(render('{{ eq .Level "OK" "CRITICAL" }}'), 'true');
});

test('range, with, variables and trimming', () => {
  assert.equal(render('{{ range $k, $v := .Tags }}{{ $k }}={{ $v }};{{ end }}'), 'dc=east;host=serverA;');
  assert.equal(render('{{ range .Tags -}} [{{ . }}] {{- end }}'), '[east][serverA]');
  assert.equal(render('{{ with .Fields.text }}{{ . }}{{ else }}none{{ end }}'), 'a<b');
  assert.equal(render('{{ with .Fields.nothing }}{{ . }}{{ else }}none{{ end }}'), 'none');
  assert.equal(render('{{ $n := .Name }}{{ $n }}-{{ $.ID }}'), 'cpu-cpu:nil');
  assert.equal(render('a {{/* comment */}} b'), 'a  b');
  assert.equal(render('{{ range .Missing }}x{{ else }}empty{{ end }}'), 'empty');
});

test('escaping functions and html mode', () => {
  assert.equal(render('{{ js "a\'b<" }}|{{ html "<a href=\\"x\\">" }}|{{ urlquery "a b&c" }}'), "a\\'b\\u003C|&lt;a href=&#34;x&#34;&gt;|a+b%26c");
  assert.equal(render('{{ .Fields.text }}', 'html'), 'a&lt;b');
  assert.equal(render('{{ json .Tags }}', 'html'), '{&#34;dc&#34;:&#34;east&#34;,&#34;host&#34;:&#34;serverA&#34;}\n');
  assert.equal(render('{{ .Fields.text }}', 'text'), 'a<b');
});

test('json writes maps sorted, structs in field order, times and durations as Go marshals them', () => {
  class Struct {
    constructor(
      readonly Z: unknown,
      readonly A: unknown,
      readonly Skipped: unknown,
    ) {}
  }
  const value = new Struct({ b: [1n, 'x&y', undefined, null], a: new GoTime(1_500_000_000n) }, new GoDuration(90_000_000_000n), undefined);
  assert.equal(
    compileTemplate('t', '{{ json . }}', 'text').execute(value),
    '{"Z":{"a":"1970-01-01T00:00:01.5Z","b":[1,"x\\u0026y",null,null]},"A":90000000000}\n',
  );
  assert.equal(render('{{ json .Fields }}'), '{"count":10,"ok":true,"text":"a\\u003cb","value":42.5}\n');
  assert.equal(render('{{ json .Missing }}'), 'null\n');
  assert.equal(compileTemplate('t', '{{ json . }}', 'text').execute({ s: 'line\u2028end' }), '{"s":"line\\u2028end"}\n', 'U+2028 escaped as Go does');
});

test('time and duration methods', () => {
  assert.equal(render('{{ .Time.Unix }} {{ .Time.Format "2006-01-02T15:04:05.000Z07:00" }}'), '31536010 1971-01-01T00:00:10.500Z');
  assert.equal(render('{{ .Duration.Seconds }}'), '90');
});

test('errors name the template and the problem', () => {
  assert.throws(() => compileTemplate('id', '{{ .Name '), TemplateError);
  assert.throws(() => compileTemplate('id', '{{ if .Name }}x'), /unexpected EOF/);
  assert.throws(() => compileTemplate('id', '{{ $x }}'), /undefined variable "\$x"/);
  assert.throws(() => render('{{ nosuch 1 }}'), /function "nosuch" not defined/);
  assert.throws(() => render('{{ lt .Name 3 }}'), /incompatible types for comparison/);
});

test('plain text templates render without execution', () => {
  assert.equal(compileTemplate('d', 'details').execute(undefined), 'details');
  assert.equal(compileTemplate('d', '').execute(undefined), '');
});
