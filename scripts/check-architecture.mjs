#!/usr/bin/env node
// The two rules of DESIGN.md that the compiler cannot see, checked in ./dev test:
//  1. Layers: a folder of src/ includes only from its own layer or the layers below it.
//  2. SQL lives in *_repository.cpp, migrations/ and src/db/ (tests and benchmarks may query to check).
// Code written before the rules is listed in scripts/architecture-baseline.json: the check fails on
// any new violation, and on a baseline entry that no longer holds (so that the list only shrinks:
// delete the entry when you move the code). Run: node scripts/check-architecture.mjs [--update-baseline]
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SRC = path.join(ROOT, 'src');
const BASELINE = path.join(ROOT, 'scripts', 'architecture-baseline.json');

// Lowest first. A folder may include from a layer with a lower or equal number; `cli` and main.cpp are the top.
export const LAYERS = {
  common: 0,
  db: 1,
  http: 2,      // the HTTP vocabulary: router, request, response, problem+json; no domain, no accounts
  audit: 3,
  auth: 4,
  org: 5, reports: 5,
  governance: 6, est: 6,
  plans: 7,
  dialogue: 8, events: 8, sspf: 8,
  portal: 9,
  app: 10,
  cli: 11, main: 11,
};

const TEST_FILE = /(_test|_dbtest|_benchmark)\.cpp$|(^|\/)testing\.hpp$/;
// The start of a statement inside a C++ string literal.
const SQL = /"[^"\n]*\b(SELECT\s|INSERT\s+INTO\b|UPDATE\s+[a-z_]+\s+SET\b|DELETE\s+FROM\b|CREATE\s+(TABLE|INDEX|UNIQUE)\b|ALTER\s+TABLE\b|DROP\s+(TABLE|SCHEMA)\b)/g;

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (/\.(cpp|hpp)$/.test(name)) out.push(p);
  }
  return out;
}

function layerOf(rel) {  // rel: path under src/
  const top = rel.includes('/') ? rel.split('/')[0] : 'main';
  return top;
}

export function findViolations() {
  const includes = {};  // "from -> to" : [files]
  const sql = {};       // file: count of statements
  const unknown = [];
  for (const file of walk(SRC)) {
    const rel = path.relative(SRC, file).split(path.sep).join('/');
    const text = readFileSync(file, 'utf8');
    const from = layerOf(rel);
    if (!(from in LAYERS)) { unknown.push(rel); continue; }
    const test = TEST_FILE.test(rel);
    if (!test) {
      for (const m of text.matchAll(/^#include "([a-z_]+)\/[^"]+"/gm)) {
        const to = m[1];
        if (!(to in LAYERS)) { unknown.push(`${rel} includes ${m[0]}`); continue; }
        if (LAYERS[to] > LAYERS[from]) {
          const key = `${rel} -> ${m[0].slice(10, -1)}`;
          includes[key] = true;
        }
      }
      const inRepository = /_repository\.cpp$/.test(rel) || rel.startsWith('db/');
      if (!inRepository) {
        const n = [...text.matchAll(SQL)].length;
        if (n > 0) sql[rel] = n;
      }
    }
  }
  return { includes: Object.keys(includes).sort(), sql, unknown };
}

function main() {
  const found = findViolations();
  if (process.argv.includes('--update-baseline')) {
    writeFileSync(BASELINE, JSON.stringify({
      _comment: 'Violations that predate the rules (issue 9). Only ever remove entries; see scripts/check-architecture.mjs.',
      upward_includes: found.includes, sql_outside_repositories: found.sql,
    }, null, 2) + '\n');
    console.log(`baseline written: ${found.includes.length} upward includes, ${Object.keys(found.sql).length} files with SQL`);
    return 0;
  }
  const base = JSON.parse(readFileSync(BASELINE, 'utf8'));
  const problems = [];
  for (const u of found.unknown) problems.push(`unknown layer: ${u} (add the folder to LAYERS in scripts/check-architecture.mjs)`);
  const allowed = new Set(base.upward_includes);
  for (const inc of found.includes)
    if (!allowed.has(inc)) problems.push(`upward include: ${inc} (a lower layer may not include a higher one)`);
  for (const inc of allowed)
    if (!found.includes.includes(inc)) problems.push(`fixed, remove from the baseline: upward include ${inc}`);
  for (const [file, n] of Object.entries(found.sql)) {
    const was = base.sql_outside_repositories[file] ?? 0;
    if (n > was) problems.push(`SQL outside a repository: ${file} has ${n} statement(s)${was ? `, the baseline allows ${was}` : ''}; move it into a *_repository.cpp`);
    else if (n < was) problems.push(`fewer statements now: lower ${file} to ${n} in the baseline`);
  }
  for (const file of Object.keys(base.sql_outside_repositories))
    if (!(file in found.sql)) problems.push(`fixed, remove from the baseline: SQL in ${file}`);
  const nSql = Object.values(found.sql).reduce((a, b) => a + b, 0);
  if (problems.length) {
    for (const p of problems) console.log(`  ${p}`);
    console.log(`architecture check: ${problems.length} problem(s)`);
    return 1;
  }
  console.log(`architecture check: no new upward include, no new SQL outside repositories (baseline still holds ${found.includes.length} include(s) and ${nSql} statement(s) in ${Object.keys(found.sql).length} file(s))`);
  return 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exit(main());
