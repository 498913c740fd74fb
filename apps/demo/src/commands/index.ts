/** Every command, in the order help lists them. Adding a command: one file, one line here. */
import type { Registry } from '../framework/help.js';
import { checkFilesCommand } from './check-files.js';
import { demoHeatmapCommand } from './demo-heatmap.js';
import { demoCommand } from './demo.js';
import { firstGradientCommand } from './first-gradient.js';

export const registry: Registry = {
  commands: [firstGradientCommand, demoCommand, demoHeatmapCommand, checkFilesCommand],
  defaultCommand: firstGradientCommand.name,
};
