import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PlanError, UserFacingError, countBySeverity, formatDiagnostic, type Diagnostic } from '../diagnostics.ts';
import { preparePlan, planIds } from '../pipeline.ts';
import { buildSite, type Stage } from '../build.ts';
import { verifyPdf } from '../print/verify.ts';
import { serve } from './serve.ts';

const HELP: Record<string, string> = {
  main: `yjplan — write, check, publish and sign a youth justice plan

Usage: yjplan <command> [options]

Commands:
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
  --quiet      print only errors and warnings, no progress
  --root DIR   the project folder (default: the current folder)`,
  build: `yjplan build [plan…] — check, render HTML, print PDF

Writes into a temporary folder and replaces the output only when everything succeeded.
Options:
  --out DIR    output folder (default: _site)
  --no-pdf     HTML only
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
  port: { type: 'string' },
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
  const ids = planIds(root, positionals);
  if (!ids.length) throw new UserFacingError(`no plans found under ${root}/data: each plan is a folder such as data/2025-26/ holding a plan.yaml`);
  const results = ids.map((id) => preparePlan(root, id, { strict: Boolean(values.strict) }));
  const diagnostics = results.flatMap((r) => r.diagnostics);
  const { errors, warnings } = countBySeverity(diagnostics);
  const files = results.reduce((n, r) => n + r.files, 0);
  if (values.json) {
    console.log(JSON.stringify({ plans: ids, files, errors, warnings, diagnostics }, null, 2));
    return errors ? 1 : 0;
  }
  if (values.figures) {
    for (const result of results) for (const [key, figure] of Object.entries(result.derived?.figures ?? {})) console.log(`${result.id}  ${key}  ${JSON.stringify(figure.value)}`);
  }
  print(diagnostics);
  console.log(`${errors ? '✗' : '✓'} checked ${ids.length} plan(s), ${files} files in ${Date.now() - started} ms: ${errors} error(s), ${warnings} warning(s)`);
  return errors ? 1 : 0;
}

async function build(argv: string[]): Promise<number> {
  const parsed = options('build', argv, ['out', 'no-pdf']);
  if (!parsed) return 0;
  const { values, positionals, root } = parsed;
  const started = Date.now();
  const quiet = Boolean(values.quiet || values.json);
  const result = await buildSite({
    root,
    outDir: values.out as string | undefined,
    plans: positionals,
    pdf: !values['no-pdf'],
    strict: Boolean(values.strict),
    onStage: (stage: Stage) => quiet || console.log(`  ${stage.name.padEnd(8)} ${stage.detail} (${stage.milliseconds} ms)`),
  });
  if (!quiet) print(result.warnings);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (values.json) console.log(JSON.stringify({ outDir: result.outDir, pages: result.pages, pdfs: result.pdfs, warnings: result.warnings, seconds: Number(seconds) }, null, 2));
  else console.log(`✓ built ${result.prepared.length} plan(s) into ${result.outDir} in ${seconds} s: ${result.pages} files, ${result.pdfs.length} PDF(s), ${result.warnings.length} warning(s)`);
  return 0;
}

async function serveCommand(argv: string[]): Promise<number> {
  const parsed = options('serve', argv, ['port']);
  if (!parsed) return 0;
  await serve({ root: parsed.root, plans: parsed.positionals, port: Number(parsed.values.port ?? 8080) });
  return 0;
}

async function verify(argv: string[]): Promise<number> {
  const parsed = options('verify', argv);
  if (!parsed) return 0;
  const [pdf, plan] = parsed.positionals;
  if (!pdf) throw new UserFacingError('name the PDF to verify: yjplan verify _site/2025-26/plan.pdf [2025-26]');
  const result = await verifyPdf(parsed.root, resolve(pdf), plan);
  console.log(result.message);
  return result.matches ? 0 : 1;
}
