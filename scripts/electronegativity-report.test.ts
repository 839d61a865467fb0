// The security gate's judgement (scripts/electronegativity.mjs): it reads Electronegativity's CSV
// correctly, blocks what nobody reviewed, and refuses reviews that no longer answer for anything.
import { describe, expect, test } from 'vitest';
import {
  describeFinding,
  type Finding,
  findingsFromCsv,
  judge,
  parseCsv,
  parseReviews,
  probeSource,
} from './electronegativity-report.mjs';

const HEADER = 'issue, severity, confidence, filename, location, sample, description, url\n';
const finding = (check: string, severity: string, file: string): Finding => ({
  check,
  severity,
  confidence: 'FIRM',
  file,
  location: '1:0',
  sample: 'x',
  description: 'd',
  url: 'u',
});
const REASON = 'Guarded by lockNavigation in electron/shell/security.ts, which denies every window.';

describe('parseCsv', () => {
  test('quoted fields keep commas, newlines and doubled quotes; CRLF and LF both end rows', () => {
    expect(parseCsv('a,"b,c","say ""hi""\nthere"\r\nd,,N/A\n')).toEqual([
      ['a', 'b,c', 'say "hi"\nthere'],
      ['d', '', 'N/A'],
    ]);
  });
  test('a last row without a newline, and blank lines, are handled', () => {
    expect(parseCsv('a,b\n\nc,d')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });
  test('an unterminated quote is an error, not a silently short report', () => {
    expect(() => parseCsv('a,"b\n')).toThrow(/quoted/);
  });
});

describe('findingsFromCsv', () => {
  test("reads Electronegativity's rows, samples with quotes and commas included", () => {
    const csv = `${HEADER}CONTEXT_ISOLATION_JS_CHECK,"HIGH","FIRM","shell/main.ts","96:11","new BrowserWindow({ a: ""x"", b })","Review the use of the contextIsolation option",https://example/wiki\nCSP_GLOBAL_CHECK,"MEDIUM","CERTAIN","N/A","0:0",N/A,"No CSP",https://example/csp\n`;
    expect(findingsFromCsv(csv)).toEqual([
      {
        check: 'CONTEXT_ISOLATION_JS_CHECK',
        severity: 'HIGH',
        confidence: 'FIRM',
        file: 'shell/main.ts',
        location: '96:11',
        sample: 'new BrowserWindow({ a: "x", b })',
        description: 'Review the use of the contextIsolation option',
        url: 'https://example/wiki',
      },
      expect.objectContaining({ check: 'CSP_GLOBAL_CHECK', file: 'N/A', sample: 'N/A' }),
    ]);
  });
  test('a report with no findings is empty', () => expect(findingsFromCsv(HEADER)).toEqual([]));
  test('a mangled report fails instead of passing (its header overwritten, or a row cut short)', () => {
    expect(() => findingsFromCsv('ted in the target application",https://x\n')).toThrow(/header/);
    expect(() => findingsFromCsv(`${HEADER}SANDBOX_JS_CHECK,"MEDIUM"\n`)).toThrow(/row 2/);
  });
});

describe('judge', () => {
  const findings = [
    finding('AUXCLICK_JS_CHECK', 'MEDIUM', 'electron/shell/main.ts'),
    finding('CONTEXT_ISOLATION_JS_CHECK', 'HIGH', 'electron/shell/main.ts'),
    finding('PRELOAD_JS_CHECK', 'LOW', 'electron/shell/main.ts'),
    finding('CSP_GLOBAL_CHECK', 'INFORMATIONAL', 'N/A'),
  ];
  test('LOW and INFORMATIONAL never block; unreviewed HIGH and MEDIUM do', () => {
    const result = judge(findings, []);
    expect(result.blocking.map((f) => f.check)).toEqual(['AUXCLICK_JS_CHECK', 'CONTEXT_ISOLATION_JS_CHECK']);
  });
  test('a review by printed id or by class name answers for its finding', () => {
    const result = judge(
      findings,
      [
        { check: 'AUXCLICK_JS_CHECK', file: 'electron/shell/main.ts', reason: REASON },
        { check: 'ContextIsolationJSCheck', file: 'electron/shell/main.ts', reason: REASON },
      ],
      { ContextIsolationJSCheck: 'CONTEXT_ISOLATION_JS_CHECK' },
    );
    expect(result).toEqual(expect.objectContaining({ blocking: [], stale: [] }));
    expect(result.reviewed).toHaveLength(2);
  });
  test('a review covers its file only, and one occurrence only: a second one is new', () => {
    const review = { check: 'AUXCLICK_JS_CHECK', file: 'electron/shell/main.ts', reason: REASON };
    const twice = [...findings, finding('AUXCLICK_JS_CHECK', 'MEDIUM', 'electron/shell/main.ts')];
    expect(judge(twice, [review]).blocking.filter((f) => f.check === 'AUXCLICK_JS_CHECK')).toHaveLength(1);
    const elsewhere = [finding('AUXCLICK_JS_CHECK', 'MEDIUM', 'electron/shell/other.ts')];
    expect(judge(elsewhere, [review]).blocking).toHaveLength(1);
  });
  test('a review that answers for no HIGH/MEDIUM finding is stale', () => {
    const stale = { check: 'PRELOAD_JS_CHECK', file: 'electron/shell/main.ts', reason: REASON };
    const gone = { check: 'SANDBOX_JS_CHECK', file: 'electron/shell/main.ts', reason: REASON };
    expect(judge(findings, [stale, gone]).stale).toEqual([stale, gone]);
  });
  test('a blocking finding is printed with id, severity, confidence, file:line and description', () => {
    expect(describeFinding(finding('SANDBOX_JS_CHECK', 'MEDIUM', 'electron/shell/main.ts'))).toBe(
      'SANDBOX_JS_CHECK MEDIUM/FIRM electron/shell/main.ts:1:0: d [x]',
    );
  });
});

describe('parseReviews', () => {
  const known = new Set(['AUXCLICK_JS_CHECK', 'AuxclickJSCheck']);
  const json = (entry: object) => JSON.stringify([entry]);
  test('accepts a specific review of a known check', () => {
    const entry = { check: 'AuxclickJSCheck', file: 'electron/shell/main.ts', reason: REASON };
    expect(parseReviews(json(entry), known)).toEqual([entry]);
  });
  test.each([
    [{ check: 'AUXCLICK_JS_CHECK', file: 'electron/shell/main.ts', reason: 'safe' }, /why/],
    [{ check: 'AUXCLIK_JS_CHECK', file: 'electron/shell/main.ts', reason: REASON }, /no Electronegativity/],
    [{ check: 'AUXCLICK_JS_CHECK', reason: REASON }, /"file"/],
    [{ check: 'AUXCLICK_JS_CHECK', file: 'x.ts', reason: REASON, line: 3 }, /unknown field/],
  ])('refuses %j', (entry, error) => expect(() => parseReviews(json(entry), known)).toThrow(error));
});

test('the probe writes window options and CSP in the shapes Electronegativity reads', () => {
  const source = probeSource({ webPreferences: { sandbox: true } }, "default-src 'self'");
  expect(source).toContain('new BrowserWindow({');
  expect(source).toContain('"sandbox": true');
  expect(source).toContain(`details.responseHeaders['content-security-policy'] = "default-src 'self'";`);
});
