// The pure half of the Electronegativity gate (scripts/electronegativity.mjs): read its CSV, and hold the
// findings against the reviewed list. No I/O here, so scripts/electronegativity-report.test.ts can
// prove it. Types: electronegativity-report.d.mts.

/** Severities that fail the gate unless reviewed. Electronegativity also reports LOW and INFORMATIONAL. */
export const BLOCKING_SEVERITIES = ['HIGH', 'MEDIUM'];

const COLUMNS = ['issue', 'severity', 'confidence', 'filename', 'location', 'sample', 'description', 'url'];

/** RFC 4180 CSV: quoted fields may hold commas, newlines and doubled quotes; CRLF or LF line ends. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (char === '"') quoted = false;
      else field += char;
      i += 1;
      continue;
    }
    if (char === '"' && field === '') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
    i += 1;
  }
  if (quoted) throw new Error('CSV ends inside a quoted field');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((cells) => !(cells.length === 1 && cells[0] === ''));
}

/**
 * Electronegativity's CSV as findings. Fails closed: a missing header or a row of the wrong width means
 * the report cannot be trusted, and a gate that skipped it would pass what it never read.
 */
export function findingsFromCsv(text) {
  const [header, ...rows] = parseCsv(text);
  const names = header?.map((name) => name.trim().toLowerCase());
  if (!names || names.join() !== COLUMNS.join())
    throw new Error(`unexpected Electronegativity CSV header: ${JSON.stringify(header ?? null)}`);
  return rows.map((cells, index) => {
    if (cells.length !== COLUMNS.length)
      throw new Error(
        `Electronegativity CSV row ${index + 2} has ${cells.length} fields: ${cells.join(',')}`,
      );
    const [check, severity, confidence, file, location, sample, description, url] = cells.map((cell) =>
      cell.trim(),
    );
    return { check, severity, confidence, file, location, sample, description, url };
  });
}

/** A check named by its class (`ContextIsolationJSCheck`) or its printed id, as the printed id. */
export function canonicalCheck(name, aliases = {}) {
  return Object.hasOwn(aliases, name) ? aliases[name] : name;
}

/** The reviewed list, or an error naming what is wrong with it: every entry says where and why. */
export function parseReviews(json, knownChecks) {
  const entries = JSON.parse(json);
  if (!Array.isArray(entries)) throw new Error('the reviewed list must be a JSON array');
  return entries.map((entry, index) => {
    const where = `reviewed entry ${index + 1}`;
    for (const key of ['check', 'file', 'reason']) {
      if (typeof entry?.[key] !== 'string' || entry[key].trim() === '')
        throw new Error(`${where}: "${key}" must be a non-empty string`);
    }
    const extra = Object.keys(entry).filter((key) => !['check', 'file', 'reason'].includes(key));
    if (extra.length > 0) throw new Error(`${where}: unknown field(s) ${extra.join(', ')}`);
    if (knownChecks && !knownChecks.has(entry.check))
      throw new Error(`${where}: no Electronegativity check is named "${entry.check}"`);
    if (entry.reason.trim().length < 40)
      throw new Error(`${where}: the reason must say why this is safe here, and where the guard is`);
    return { check: entry.check, file: entry.file, reason: entry.reason };
  });
}

/**
 * Holds HIGH/MEDIUM findings against the reviews. Each review answers for exactly one finding (same check,
 * same file; lines move with every edit, so they are not compared): a second occurrence of a reviewed
 * pattern in the same file is new and blocks. A review that answers for no finding is stale.
 */
export function judge(findings, reviews, aliases = {}) {
  const open = [...reviews];
  const blocking = [];
  const reviewed = [];
  for (const finding of findings) {
    if (!BLOCKING_SEVERITIES.includes(finding.severity.toUpperCase())) continue;
    const index = open.findIndex(
      (review) =>
        canonicalCheck(review.check, aliases) === finding.check && samePath(review.file, finding.file),
    );
    if (index === -1) blocking.push(finding);
    else reviewed.push({ finding, review: open.splice(index, 1)[0] });
  }
  return { blocking, reviewed, stale: open };
}

const samePath = (a, b) => a.replaceAll('\\', '/') === b.replaceAll('\\', '/');

/** Where the probe sits in the scanned copy of electron/ (it is never written into the real folder). */
export const PROBE_FILE = 'shell/window-options.probe.js';

/**
 * The probe: Electronegativity reads BrowserWindow options only as a literal inside `new BrowserWindow(…)`
 * and a CSP only as an assignment to a `content-security-policy` header, so the evaluated values are
 * written out in exactly those shapes.
 */
export function probeSource(options, csp) {
  return [
    '// Generated by scripts/electronegativity.mjs: windowOptions() (electron/shell/window-options.ts) and',
    '// RENDERER_CSP (electron/common/renderer-csp.ts, which protocol.ts sets on every app:// response),',
    '// written as literals it can read.',
    `const window = new BrowserWindow(${JSON.stringify(options, null, 2)});`,
    `details.responseHeaders['content-security-policy'] = ${JSON.stringify(csp)};`,
    '',
  ].join('\n');
}

/** One line per finding, everything needed to find it: id, severity, confidence, file:line, description. */
export function describeFinding(finding) {
  const where = finding.file === 'N/A' ? '(whole app)' : `${finding.file}:${finding.location}`;
  const sample = finding.sample && finding.sample !== 'N/A' ? ` [${finding.sample}]` : '';
  return `${finding.check} ${finding.severity}/${finding.confidence} ${where}: ${finding.description}${sample}`;
}
