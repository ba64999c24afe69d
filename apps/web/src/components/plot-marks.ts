// The parts of Observable Plot the chart draws with: imported on their own, so that the rest of the
// library is left out of the page when this module is loaded lazily.
export { barX, dot, plot, ruleX, text } from '@observablehq/plot';
