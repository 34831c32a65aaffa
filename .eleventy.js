// Eleventy configuration for `npx eleventy` and `yjplan serve`: everything is wired by the yjplan plugin.
import { register } from 'tsx/esm/api';

register();
const { default: yjplan } = await import('./src/render/plugin.ts');

export default function (eleventyConfig) {
  eleventyConfig.addPlugin(yjplan, {
    root: process.env.YJPLAN_ROOT || process.cwd(),
    plans: process.env.YJPLAN_PLANS ? process.env.YJPLAN_PLANS.split(',') : [],
    mode: process.env.YJPLAN_MODE === 'serve' ? 'serve' : 'build',
  });
}

export const config = {
  dir: { input: 'templates/pages', includes: '../layouts', output: '_site' },
  templateFormats: ['njk'],
};
