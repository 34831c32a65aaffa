import type nunjucks from 'nunjucks';
import type { Diagnostic } from '../diagnostics.ts';
import type { DerivedPlan, Section } from '../derive/index.ts';
import type { TableModel } from '../blocks/types.ts';
import { planSlug } from '../blocks/plan/derive.ts';
import { renderSection, type RenderedSection } from './section.ts';
import { placements } from './shortcodes.ts';
import type { LoadedPlan } from '../load/index.ts';
import type { PlanContext } from '../blocks/plan/types.ts';

export interface SitePage {
  url: string;
  title: string;
}

export interface SiteSection extends Section, RenderedSection {
  url: string;
}

export interface SitePlan {
  id: string;
  derived: DerivedPlan;
  sections: SiteSection[];
  url: string;
  wholeUrl: string;
  printUrl: string;
  pdfUrl: string;
  pdfFile: string;
  slug: string;
  fingerprint: string;
  diagnostics: Diagnostic[];
}

export interface SectionPage {
  plan: SitePlan;
  section: SiteSection;
  previous?: SitePage;
  next?: SitePage;
}

/** A plan as the home page lists it. */
export interface ListedPlan {
  id: string;
  url: string;
  context: Omit<PlanContext, 'previous'>;
}

/** Everything the site's templates read: built once per build from the prepared plans. */
export interface SiteModel {
  /** The plans whose pages this run renders. */
  plans: SitePlan[];
  /** Every plan of the site, for the home page: those rendered, and those a build keeps from the last. */
  listed: ListedPlan[];
  sectionPages: SectionPage[];
  downloads: { plan: SitePlan; table: TableModel }[];
  /** Errors that stopped a plan from rendering: shown as a panel by `serve`, fatal for `build`. */
  failures: { id: string; diagnostics: Diagnostic[] }[];
}

export function buildSiteModel(
  env: nunjucks.Environment,
  plans: { loaded: LoadedPlan; derived: DerivedPlan; diagnostics: Diagnostic[]; fingerprint: string }[],
  failures: SiteModel['failures'],
  listed: { id: string; context: Omit<PlanContext, 'previous'> }[] = plans.map(({ derived }) => derived),
): SiteModel {
  const sitePlans = plans.map(({ loaded, derived, diagnostics, fingerprint }): SitePlan => {
    const slug = planSlug(derived.context);
    const placedInPlan = new Set(placements(loaded.markdown).keys());
    const sections = derived.sections.map((section) => ({ ...section, ...renderSection(env, derived, section, placedInPlan), url: `/${derived.id}/${section.id}/` }));
    return {
      id: derived.id,
      derived,
      sections,
      url: `/${derived.id}/`,
      wholeUrl: `/${derived.id}/whole-plan/`,
      printUrl: `/${derived.id}/print/`,
      pdfUrl: `/${derived.id}/${slug}.pdf`,
      pdfFile: `${derived.id}/${slug}.pdf`,
      slug,
      fingerprint,
      diagnostics,
    };
  });
  const sectionPages = sitePlans.flatMap((plan) =>
    plan.sections.map((section, index) => {
      const before = plan.sections[index - 1];
      const after = plan.sections[index + 1];
      return {
        plan,
        section,
        previous: before ? { url: before.url, title: before.title } : { url: plan.url, title: 'Plan home' },
        next: after ? { url: after.url, title: after.title } : undefined,
      };
    }),
  );
  const downloads = sitePlans.flatMap((plan) => plan.derived.tables.map((table) => ({ plan, table })));
  return { plans: sitePlans, listed: listed.map(({ id, context }) => ({ id, url: `/${id}/`, context })), sectionPages, downloads, failures };
}
