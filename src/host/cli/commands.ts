/**
 * Every `vigil` command, in the order `vigil help` lists them. A domain adds its commands here
 * (one row each); the parser, help and runner pick them up without change.
 */
import { classifyCommand } from './classify';
import type { CliCommand } from './command';
import { dropCommand } from './drop';
import { importCommand } from './import';
import { layersCommand } from './layers';
import { migrationCommand } from './migration';
import { modelsCommand } from './models';
import { panelsCommand } from './panels';
import { profileCommand } from './profile';
import { queryCommand } from './query';
import { renameCommand } from './rename';
import { sampleCommand } from './sample';
import { scoreCommand } from './score';
import { tablesCommand } from './tables';
import { trainCommand } from './train';
import { warningsCommand } from './warnings';

export const COMMANDS: readonly CliCommand[] = [
  importCommand,
  sampleCommand,
  tablesCommand,
  profileCommand,
  queryCommand,
  renameCommand,
  dropCommand,
  trainCommand,
  scoreCommand,
  modelsCommand,
  panelsCommand,
  classifyCommand,
  migrationCommand,
  warningsCommand,
  layersCommand,
];
