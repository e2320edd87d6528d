/**
 * Every `vigil` command, in the order `vigil help` lists them. A domain adds its commands here
 * (one row each); the parser, help and runner pick them up without change.
 */
import type { CliCommand } from './command';
import { dropCommand } from './drop';
import { importCommand } from './import';
import { profileCommand } from './profile';
import { queryCommand } from './query';
import { renameCommand } from './rename';
import { sampleCommand } from './sample';
import { tablesCommand } from './tables';

export const COMMANDS: readonly CliCommand[] = [
  importCommand,
  sampleCommand,
  tablesCommand,
  profileCommand,
  queryCommand,
  renameCommand,
  dropCommand,
];
