import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PlanError, UserFacingError, countBySeverity, formatDiagnostic, type Diagnostic } from '../diagnostics.ts';
import { preparePlan, planIds } from '../pipeline.ts';
import type { ReadPlan } from '../derive/index.ts';
// Commands load what only they need (Eleventy, puppeteer, pdf-lib) when they run: `check` starts in a
// third of the time without them.
import type { Stage } from '../build.ts';
import { createPlan } from './new.ts';
import { assessCompleteness, formatChecklist } from '../audit/completeness.ts';

const HELP: Record<string, string> = {
  main: `yjplan — write, check, publish and sign a youth justice plan

Usage: yjplan <command> [options]

Commands:
  new <period>         Start a plan: every section of the guidance with its prompt; --from carries
                       last year's priorities, open actions, board, staffing, glossary and figures.
  check [plan…]        Validate the plan's YAML and markdown, derive every figure, audit what authors
                       stated against it. Exits 1 on errors, 0 with warnings only.
  build [plan…]        check, then render the HTML site and print each plan's PDF into _site/.
  serve [plan]         Preview the site with live reload while you edit.
  verify <pdf> [plan]  Say whether a (signed) PDF matches the plan as it is now.

Run \`yjplan <command> --help\` for a command's options. Plans are folders under data/ (e.g. data/2025-26/).`,
  check: `yjplan check [plan…] — validate, derive and audit

Options:
  --strict     treat audit warnings as errors
  --json       print the diagnostics as JSON
  --figures    list every figure the prose can cite with {% fig "key" %}
  --quiet      print only errors, warnings and what is missing, no progress
  --root DIR   the project folder (default: the current folder)

Besides errors and warnings, check prints a checklist against the plan's guidance edition: sections
missing, empty or still holding their prompt; required blocks; signatures; the submission deadline;
for an annual update of a multi-year plan, what the guidance asks it to cover.`,
  new: `yjplan new <period> — start a plan

Creates data/<period>/ and content/<period>/ with one markdown file per section of the guidance
edition, each holding the edition's prompt (marked, so check lists it as not written yet).
Never overwrites: refuses if either folder exists.
Options:
  --from PLAN     carry forward from last year's plan: priorities and open actions (statuses to
                  update), board, staffing, glossary, signatories (undated) and the performance series,
                  and set previous: PLAN in plan.yaml
  --edition ID    the guidance edition (default: the --from plan's, else the newest: yjb-2023)
  --root DIR      the project folder (default: the current folder)

Example: yjplan new 2026-27 --from 2025-26`,
  build: `yjplan build [plan…] — check, render HTML, print PDF

Writes into a temporary folder and replaces the output only when everything succeeded.
Options:
  --out DIR    output folder (default: _site)
  --no-pdf     HTML only
  --concurrency N  plans printed at once, each in a page of one browser (default: the number of cores)
  --fresh      check, render and print every plan again; by default a plan unchanged since the last
               build into the same folder (its files, the plan it follows, yjplan, the browser and the
               date all the same) keeps its pages and PDF from that build
  --strict     treat audit warnings as errors
  --json       print the result as JSON
  --quiet      no progress lines
  --root DIR   the project folder (default: the current folder)`,
  serve: `yjplan serve [plan] — live preview

Runs Eleventy's dev server; editing markdown or YAML rebuilds the site and reloads the browser.
Validation errors appear in the terminal and on the page; the server keeps running.
Options:
  --port N     port (default 8080)
  --root DIR   the project folder (default: the current folder)`,
  verify: `yjplan verify <pdf> [plan] — does this PDF match the plan?

Reads the fingerprint printed into the PDF and compares it with the plan's data and text as they are
now. Exits 0 when they match, 1 when they do not.
Options:
  --root DIR   the project folder (default: the current folder)`,
};

function print(diagnostics: Diagnostic[]): void {
  for (const d of diagnostics) console.error(formatDiagnostic(d));
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    console.log(HELP.main);
    return command ? 0 : 1;
  }
  const debug = rest.includes('--debug');
  try {
    switch (command) {
      case 'new':
        return newPlan(rest);
      case 'check':
        return check(rest);
      case 'build':
        return await build(rest);
      case 'serve':
        return await serveCommand(rest);
      case 'verify':
        return await verify(rest);
      case '--version':
        console.log(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version);
        return 0;
      default:
        console.error(`yjplan: unknown command "${command}"\n\n${HELP.main}`);
        return 1;
    }
  } catch (error) {
    // Every failure ends as a plain message and exit code 1; a stack trace only with --debug.
    const planError = findPlanError(error);
    if (planError) {
      print(planError.diagnostics);
      console.error(`\n${planError.diagnostics.length} error(s): nothing was written; the previous output is unchanged.`);
      return 1;
    }
    if (error instanceof UserFacingError || (error instanceof Error && error.name === 'TypeError' && /parseArgs|Unknown option/i.test(error.message))) {
      console.error(`yjplan ${command}: ${error.message}`);
      if (debug) console.error(stackOf(error.cause ?? error));
      return 1;
    }
    if (error instanceof Error && 'code' in error && String((error as { code: unknown }).code).startsWith('ERR_PARSE_ARGS')) {
      console.error(`yjplan ${command}: ${error.message}\nRun \`yjplan ${command} --help\`.`);
      return 1;
    }
    console.error(`yjplan ${command}: unexpected failure: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    if (debug) console.error(stackOf(error));
    else console.error('Run again with --debug for details.');
    return 1;
  }
}

function stackOf(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** Eleventy wraps errors thrown by global data; dig out ours. */
function findPlanError(error: unknown): PlanError | undefined {
  for (let current = error, depth = 0; current && depth < 10; depth++) {
    if (current instanceof PlanError) return current;
    current = (current as { originalError?: unknown; cause?: unknown }).originalError ?? (current as { cause?: unknown }).cause;
  }
  return undefined;
}

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  root: { type: 'string' },
  quiet: { type: 'boolean' },
  json: { type: 'boolean' },
  strict: { type: 'boolean' },
  debug: { type: 'boolean' },
  figures: { type: 'boolean' },
  out: { type: 'string' },
  'no-pdf': { type: 'boolean' },
  fresh: { type: 'boolean' },
  concurrency: { type: 'string' },
  port: { type: 'string' },
  from: { type: 'string' },
  edition: { type: 'string' },
} as const;

/** Parses a command's options; options another command owns are refused with that command's help. */
function options(command: string, argv: string[], own: (keyof typeof OPTIONS)[] = []) {
  const parsed = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  const common = ['help', 'root', 'quiet', 'json', 'strict', 'debug'];
  const foreign = Object.keys(parsed.values).filter((key) => !common.includes(key) && !own.includes(key as keyof typeof OPTIONS));
  if (foreign.length) throw new UserFacingError(`--${foreign[0]} is not an option of ${command}\n\n${HELP[command]}`);
  if (parsed.values.help) {
    console.log(HELP[command]);
    return undefined;
  }
  return { ...parsed, root: resolve(String(parsed.values.root ?? process.cwd())) };
}

function check(argv: string[]): number {
  const parsed = options('check', argv, ['figures']);
  if (!parsed) return 0;
  const { values, positionals, root } = parsed;
  const started = Date.now();
  const quiet = Boolean(values.quiet || values.json);
  const ids = planIds(root, positionals);
  if (!ids.length) throw new UserFacingError(`no plans found under ${root}/data: each plan is a folder such as data/2025-26/ holding a plan.yaml`);
  const today = new Date().toISOString().slice(0, 10);
  const stages: { plan: string; files: number; sections: number; figures: number; tables: number; errors: number; warnings: number; milliseconds: number }[] = [];
  const read = new Map<string, ReadPlan>();
  const results = ids.map((id) => {
    const since = Date.now();
    const result = preparePlan(root, id, { strict: Boolean(values.strict), read });
    const stage = { plan: id, files: result.files, sections: result.derived?.sections.length ?? 0, figures: Object.keys(result.derived?.figures ?? {}).length, tables: result.derived?.tables.length ?? 0, ...countBySeverity(result.diagnostics), milliseconds: Date.now() - since };
    stages.push(stage);
    if (!quiet) console.log(`  ${id.padEnd(8)} ${stage.files} files validated, ${stage.sections} sections, ${stage.figures} figures and ${stage.tables} tables derived, audited: ${stage.errors} error(s), ${stage.warnings} warning(s) (${stage.milliseconds} ms)`);
    return result;
  });
  const diagnostics = results.flatMap((r) => r.diagnostics);
  const { errors, warnings } = countBySeverity(diagnostics);
  const files = results.reduce((n, r) => n + r.files, 0);
  const completeness = results.flatMap((r) => (r.derived ? [assessCompleteness(r.loaded, r.derived, today)] : []));
  if (values.json) {
    console.log(JSON.stringify({ plans: ids, files, errors, warnings, milliseconds: Date.now() - started, stages, completeness, diagnostics }, null, 2));
    return errors ? 1 : 0;
  }
  if (values.figures) {
    for (const result of results) for (const [key, figure] of Object.entries(result.derived?.figures ?? {})) console.log(`${result.id}  ${key}  ${JSON.stringify(figure.value)}`);
  }
  // What is missing is printed as the checklist below, not once more as a list of warnings.
  print(diagnostics.filter((d) => !d.code.startsWith('completeness.')));
  for (const plan of completeness) {
    const incomplete = plan.items.some((item) => item.state === 'incomplete');
    if (quiet && !incomplete) continue;
    console.log(`\n${formatChecklist(plan).join('\n')}`);
  }
  console.log(`${errors ? '✗' : '✓'} checked ${ids.length} plan(s), ${files} files in ${Date.now() - started} ms: ${errors} error(s), ${warnings} warning(s)${completeness.length ? `; ${completeness.map((c) => `${c.planId}: ${c.summary}`).join('; ')}` : ''}`);
  return errors ? 1 : 0;
}

function newPlan(argv: string[]): number {
  const parsed = options('new', argv, ['from', 'edition']);
  if (!parsed) return 0;
  const [period, extra] = parsed.positionals;
  if (!period) throw new UserFacingError(`name the plan's period: yjplan new 2026-27 --from 2025-26\n\n${HELP.new}`);
  if (extra) throw new UserFacingError(`one period at a time: yjplan new ${period}`);
  const from = parsed.values.from as string | undefined;
  const planned = createPlan({ root: parsed.root, period, from, edition: parsed.values.edition as string | undefined });
  if (parsed.values.json) {
    console.log(JSON.stringify({ plan: period, from: from ?? null, files: planned.files.map((f) => f.path), copied: planned.copies.map((c) => c.to), summary: planned.summary }, null, 2));
    return 0;
  }
  console.log(`✓ started the ${period} plan${from ? ` from ${from}` : ''}:`);
  for (const line of planned.summary) console.log(`  ${line}`);
  console.log(`\nNext: \`yjplan check ${period}\` lists what is still to write; \`yjplan serve ${period}\` previews the plan as you edit.`);
  return 0;
}

async function build(argv: string[]): Promise<number> {
  const parsed = options('build', argv, ['out', 'no-pdf', 'concurrency', 'fresh']);
  if (!parsed) return 0;
  const { values, positionals, root } = parsed;
  const concurrency = values.concurrency === undefined ? undefined : Number(values.concurrency);
  if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency >= 1)) throw new UserFacingError(`--concurrency must be a whole number of 1 or more, not "${values.concurrency}"`);
  const started = Date.now();
  const quiet = Boolean(values.quiet || values.json);
  const stages: Stage[] = [];
  const { buildSite } = await import('../build.ts');
  const result = await buildSite({
    root,
    outDir: values.out as string | undefined,
    plans: positionals,
    pdf: !values['no-pdf'],
    concurrency,
    fresh: Boolean(values.fresh),
    strict: Boolean(values.strict),
    onStage: (stage: Stage) => {
      stages.push(stage);
      if (!quiet) console.log(`  ${stage.name.padEnd(8)} ${stage.detail} (${stage.milliseconds} ms)`);
    },
  });
  if (!quiet) print(result.warnings);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (values.json) console.log(JSON.stringify({ outDir: result.outDir, plans: result.plans, reused: result.reused, pages: result.pages, pdfs: result.pdfs, stages, warnings: result.warnings, seconds: Number(seconds) }, null, 2));
  else console.log(`✓ built ${result.plans.length} plan(s)${result.reused.length ? ` (${result.reused.length} unchanged, kept)` : ''} into ${result.outDir} in ${seconds} s: ${result.pages} files, ${result.pdfs.length} PDF(s), ${result.warnings.length} warning(s)`);
  return 0;
}

async function serveCommand(argv: string[]): Promise<number> {
  const parsed = options('serve', argv, ['port']);
  if (!parsed) return 0;
  const port = Number(parsed.values.port ?? 8080);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UserFacingError(`--port ${String(parsed.values.port)} is not a port number: use one from 1024 to 65535, e.g. --port 8081`);
  const { serve } = await import('./serve.ts');
  const running = await serve({ root: parsed.root, plans: parsed.positionals, port });
  // Ctrl+C stops the server and removes the preview folder; the command exits once both are done.
  const stop = () => void running.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return 0;
}

async function verify(argv: string[]): Promise<number> {
  const parsed = options('verify', argv);
  if (!parsed) return 0;
  const [pdf, plan] = parsed.positionals;
  if (!pdf) throw new UserFacingError('name the PDF to verify: yjplan verify _site/2025-26/plan.pdf [2025-26]');
  const { verifyPdf } = await import('../print/verify.ts');
  const result = await verifyPdf(parsed.root, resolve(pdf), plan);
  console.log(result.message);
  return result.matches ? 0 : 1;
}
