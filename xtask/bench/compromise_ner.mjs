// compromise (npm) as an OntoNotes NER peer for `cargo xtask bench`.
//
// usage: node compromise_ner.mjs NODE_MODULES_DIR INPUT.jsonl OUTPUT.jsonl
//
// compromise has no OntoNotes model, so its selections are mapped to the 18
// labels it can say something about (the others are never predicted):
//   people()                         -> PERSON
//   organizations()                  -> ORG
//   places()                         -> GPE if a term is #Country, #City or #Region, else LOC
//   match('#Demonym+')               -> NORP
//   dates()        (compromise-dates) -> DATE, #Time terms cut out ("Tuesday at 5pm" -> "Tuesday")
//   times()        (compromise-dates) -> TIME
//   numbers()                        -> MONEY if a term is #Money, PERCENT if #Percent,
//                                       ORDINAL if #Ordinal, else CARDINAL
//   money(), percentages()           -> MONEY, PERCENT
//   match('#Value+ (percent|per cent)') -> PERCENT
// Tokenisation conventions of OntoNotes, which compromise does not share:
// leading and trailing prepositions are dropped from DATE and TIME ("on
// Tuesday"), honorifics from PERSON ("Mr. Xu"), and a possessive "'s" or
// "'" from every span ("China's": OntoNotes splits the clitic off).
// Overlaps: earlier in PRIORITY wins, then the longer span.
//
// Spans run from the first term's text to the last term's (punctuation around
// them left out). compromise's offsets are UTF-16 units; the output is in
// code points, like the gold.
//
// stdout, last line: "BENCH docs=N tokens=N cpu_s=X wall_s=X skipped=N version=V dates=V",
// cpu_s from process.cpuUsage() (user + system) around the annotation loop
// only: reading, model set-up and writing are not counted.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const PRIORITY = ["MONEY", "PERCENT", "TIME", "DATE", "PERSON", "ORG", "GPE", "LOC", "NORP", "ORDINAL", "CARDINAL"];

const [modules, input, output] = process.argv.slice(2);
if (!output) {
  console.error("usage: node compromise_ner.mjs NODE_MODULES_DIR INPUT.jsonl OUTPUT.jsonl");
  process.exit(2);
}
// The packages live in a bench-only prefix, not next to this script.
const require = createRequire(join(modules, "noop.js"));
const nlp = require("compromise");
nlp.plugin(require("compromise-dates"));
const datesVersion = JSON.parse(readFileSync(join(modules, "compromise-dates", "package.json"), "utf8")).version;

const docs = readFileSync(input, "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l));

const hasTag = (t, ...tags) => tags.some((g) => t.tags.includes(g));

// Terms of every match of a selection, with offsets.
function matches(view) {
  return view.json({ offset: true, terms: { offset: true } }).map((m) => m.terms);
}

// compromise-dates throws on a few sentences (dev: "a third - quarter loss",
// "t.isValid is not a function"). Then the selection is made sentence by
// sentence, and the sentences that still throw are left out and counted.
let skipped = 0;
function safely(doc, select) {
  try {
    return matches(select(doc));
  } catch {
    const out = [];
    const sentences = doc.sentences();
    for (let i = 0; i < sentences.length; i++) {
      try {
        out.push(...matches(select(sentences.eq(i))));
      } catch {
        skipped++;
      }
    }
    return out;
  }
}

function span(terms, label) {
  const first = terms[0].offset;
  const last = terms[terms.length - 1].offset;
  return [first.start, last.start + last.length, label];
}

function dropPrepositions(terms) {
  let a = 0;
  let b = terms.length;
  while (a < b && hasTag(terms[a], "Preposition")) a++;
  while (b > a && hasTag(terms[b - 1], "Preposition")) b--;
  return terms.slice(a, b);
}

// Splits a date match at its #Time terms: what is left between them is DATE.
function dateParts(terms) {
  const parts = [[]];
  for (const t of terms) {
    if (hasTag(t, "Time")) parts.push([]);
    else parts[parts.length - 1].push(t);
  }
  return parts.map(dropPrepositions).filter((p) => p.length);
}

function numberLabel(terms) {
  if (terms.some((t) => hasTag(t, "Money"))) return "MONEY";
  if (terms.some((t) => hasTag(t, "Percent"))) return "PERCENT";
  if (terms.every((t) => hasTag(t, "Ordinal"))) return "ORDINAL";
  return "CARDINAL";
}

function annotate(text) {
  const doc = nlp(text);
  const spans = [];
  for (const t of matches(doc.people())) {
    const first = t.findIndex((x) => !hasTag(x, "Honorific"));
    if (first >= 0) spans.push(span(t.slice(first), "PERSON"));
  }
  for (const t of matches(doc.organizations())) spans.push(span(t, "ORG"));
  for (const t of matches(doc.places())) {
    spans.push(span(t, t.some((x) => hasTag(x, "Country", "City", "Region")) ? "GPE" : "LOC"));
  }
  for (const t of matches(doc.match("#Demonym+"))) spans.push(span(t, "NORP"));
  for (const t of safely(doc, (v) => v.dates())) for (const p of dateParts(t)) spans.push(span(p, "DATE"));
  for (const t of safely(doc, (v) => v.times())) {
    const p = dropPrepositions(t);
    if (p.length) spans.push(span(p, "TIME"));
  }
  for (const t of matches(doc.numbers())) spans.push(span(t, numberLabel(t)));
  for (const t of matches(doc.money())) spans.push(span(t, "MONEY"));
  for (const t of matches(doc.percentages())) spans.push(span(t, "PERCENT"));
  // percentages() stops before a spelled-out "percent"; the gold includes it.
  for (const t of matches(doc.match("#Value+ (percent|per cent)"))) spans.push(span(t, "PERCENT"));
  return resolveOverlaps(spans.map(([s, e, l]) => [s, e - possessive(text.slice(s, e)), l]));
}

// The length of a trailing possessive: "'s" (also with ’), or "'" after an s.
function possessive(span) {
  if (/['’]s$/.test(span) && span.length > 2) return 2;
  if (/s['’]$/.test(span)) return 1;
  return 0;
}

function resolveOverlaps(spans) {
  const rank = (l) => PRIORITY.indexOf(l);
  spans.sort((x, y) => rank(x[2]) - rank(y[2]) || y[1] - y[0] - (x[1] - x[0]) || x[0] - y[0]);
  const kept = [];
  for (const s of spans) {
    if (s[0] < s[1] && !kept.some((k) => k[0] < s[1] && s[0] < k[1])) kept.push(s);
  }
  return kept.sort((x, y) => x[0] - y[0]);
}

// UTF-16 offset -> code-point offset; the identity when there are no surrogates.
function codePointMap(text) {
  if (!/[\uD800-\uDFFF]/.test(text)) return null;
  const map = new Int32Array(text.length + 1);
  let cp = 0;
  for (let i = 0; i < text.length; i++) {
    map[i] = cp;
    const c = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1); // NaN past the end
    if (!(c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff)) cp++;
  }
  map[text.length] = cp;
  return map;
}

const results = [];
const wallStart = process.hrtime.bigint();
const cpuStart = process.cpuUsage();
for (const d of docs) {
  const map = codePointMap(d.text);
  const ents = annotate(d.text).map(([s, e, l]) => (map ? [map[s], map[e], l] : [s, e, l]));
  results.push({ id: d.id, entities: ents });
}
const cpu = process.cpuUsage(cpuStart);
const wall = Number(process.hrtime.bigint() - wallStart) / 1e9;

writeFileSync(output, results.map((r) => JSON.stringify(r)).join("\n") + "\n");
const tokens = docs.reduce((n, d) => n + d.text.split(/\s+/).filter(Boolean).length, 0);
const cpuS = (cpu.user + cpu.system) / 1e6;
console.log(
  `BENCH docs=${docs.length} tokens=${tokens} cpu_s=${cpuS.toFixed(6)} wall_s=${wall.toFixed(6)} skipped=${skipped} version=${nlp.version} dates=${datesVersion}`,
);
