import { assess, combine, type RiskAssessment } from '../../risk';
import type { Args } from '../command-args';
import type { Table } from './classifier';
import { cloudCommands, verbScan } from './cloud-commands';
import { classifySql, databaseCommands } from './database-commands';
import { fileCommands } from './file-commands';
import { infraCommands } from './infra-commands';
import { lookingCommands } from './looking-commands';
import { networkCommands } from './network-commands';
import { readOnlyCommands } from './read-only-commands';
import { systemCommands } from './system-commands';
import { vcsCommands } from './vcs-commands';

/** The core's tables: the CLIs no family owns. Families add theirs (docker, kubectl, terraform…) through `verbTable`. */
const coreTable: Table = { ...lookingCommands, ...cloudCommands, ...databaseCommands, ...networkCommands, ...infraCommands, ...vcsCommands, ...systemCommands, ...fileCommands };

/** The core's verb tables with the families' on top (a family's table names the CLIs it owns). */
export function verbTable(familyTables: readonly Table[]): Table {
  return Object.assign({}, coreTable, ...familyTables);
}

const sqlKeywords = /^(select|insert|update|delete|drop|truncate|alter|create|grant|revoke|show|describe|explain)$/i;

/** The canonical name a table files a command under: `/usr/bin/rm` → rm, `mkfs.ext4` → mkfs. */
export function canonicalName(name: string): string {
  const base = name.split('/').pop() ?? name;
  if (/^mkfs(\.|$)|^mke2fs$|^mkfs\.\w+$/.test(base)) return 'mkfs';
  if (/^python[\d.]*$/.test(base)) return 'python';
  return base;
}

/** One simple command, already unwrapped from sudo, env, xargs and the like. */
export function classifyCommand(rawName: string, args: Args, table: Table): RiskAssessment {
  const name = canonicalName(rawName);
  const classifier = table[name];
  if (classifier) return classifier(args, name);
  if (readOnlyCommands.has(name)) return assess('read', `${name} only reads`);
  if (sqlKeywords.test(name)) return classifySql([name, ...args.map((arg) => arg ?? '?')].join(' '));
  const scanned = verbScan([name, ...args], name);
  if (scanned.risk === 'destructive') return scanned;
  // `"rm"`, `\"rm\"`: a known command behind stray quote characters.
  const stripped = name.replace(/["'\\]/g, '');
  if (stripped !== name && stripped && table[stripped]) return combine([classifyCommand(stripped, args, table), assess('write', `${name} looks like ${stripped} in disguise`)]);
  return assess('write', `${name} is not a command Reign knows, so it is treated as one that changes things`);
}
