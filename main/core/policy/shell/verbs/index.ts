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

/**
 * A name one letter away from a CLI Reign knows (`kubectll`, `herokuu`), or such a CLI glued to its
 * subcommand (`herokuapps:destroy`): a typo that will not run, rather than an unknown program.
 */
function misspelling(name: string, table: Table): string | null {
  if (name.length < 4 || name.includes('/')) return null;
  for (const known of knownNames(table)) {
    if (known.length === 3 && name.length !== 4) continue;
    if (name.startsWith(known) && /^[a-z]+:[a-z-]+$/.test(name.slice(known.length))) return `${known} and ${name.slice(known.length)} run together`;
    if (Math.abs(known.length - name.length) <= 1 && editDistanceAtMostOne(name, known)) return `a misspelling of ${known}`;
  }
  return null;
}

const namesOf = new WeakMap<Table, readonly string[]>();
/** The table's command names of three letters or more, listed once per table (this runs for every unknown command). */
function knownNames(table: Table): readonly string[] {
  let names = namesOf.get(table);
  if (!names) namesOf.set(table, (names = Object.keys(table).filter((known) => known.length >= 3)));
  return names;
}

function editDistanceAtMostOne(a: string, b: string): boolean {
  if (a === b) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const restA = a.slice(i);
  const restB = b.slice(i);
  return restA.slice(1) === restB.slice(1) || restA.slice(1) === restB || restA === restB.slice(1);
}

/** One simple command, already unwrapped from sudo, env, xargs and the like. */
export function classifyCommand(rawName: string, args: Args, table: Table): RiskAssessment {
  const name = canonicalName(rawName);
  const classifier = table[name];
  if (classifier) return classifier(args, name);
  if (readOnlyCommands.has(name)) return assess('read', `${name} only reads`);
  if (sqlKeywords.test(name)) return classifySql([name, ...args.map((arg) => arg ?? '?')].join(' '));
  if (/^(flushall|flushdb)$/i.test(name)) return assess('critical', `${name} (a Redis command) deletes every key`);
  // `db.users.drop()`, `client.deleteIndex(…)`: a database or API call pasted as a command.
  if (/^\w+(\.\w+)*\.(drop|delete|remove|destroy|truncate|purge|cancel)\w*$/i.test(name)) return assess('destructive', `${name} reads as a call that deletes data`);
  const misspelt = misspelling(name, table);
  if (misspelt) return assess('write', `${name} is not a command; it looks like ${misspelt}, so bash will answer "command not found"`);
  const scanned = verbScan([name, ...args], name);
  if (scanned.risk === 'destructive') return scanned;
  // `"rm"`, `\"rm\"`: a known command behind stray quote characters.
  const stripped = name.replace(/["'\\]/g, '');
  if (stripped !== name && stripped && table[stripped]) return combine([classifyCommand(stripped, args, table), assess('write', `${name} looks like ${stripped} in disguise`)]);
  return assess('write', `${name} is not a command Reign knows, so it is treated as one that changes things`);
}
