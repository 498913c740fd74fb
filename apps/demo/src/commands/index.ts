/** Every command, in the order help lists them. Adding a command: one file, one line here. */
import type { Registry } from '../framework/help.js';
import { checkFilesCommand } from './check-files.js';
import { firstGradientCommand } from './first-gradient.js';
import { tourCommand } from './tour.js';
import { vanishCommand } from './vanish.js';
import { linearCommand } from './linear.js';
import { explodeCommand } from './explode.js';
import { lstmCommand } from './lstm.js';
import { longCommand } from './long.js';
import { graphCommand } from './graph.js';
import { trainCommand } from './train.js';
import { remediesCommand } from './remedies.js';

export const registry: Registry = {
  commands: [tourCommand, vanishCommand, linearCommand, explodeCommand, lstmCommand, longCommand, trainCommand, remediesCommand, graphCommand, firstGradientCommand, checkFilesCommand],
  defaultCommand: tourCommand.name,
};
