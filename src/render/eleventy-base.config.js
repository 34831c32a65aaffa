// `yjplan build` and `yjplan serve` configure Eleventy through the plugin passed in their `config`
// callback. Pointing Eleventy at this empty file stops it also reading a project's own .eleventy.js,
// which would add the plugin a second time.
export default function () {}
