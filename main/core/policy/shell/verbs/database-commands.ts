import { assess, combine, type RiskAssessment } from '../../risk';
import { type Args, optionValue, positionals } from '../command-args';
import type { Table } from './classifier';

/** Classifies SQL text when it is visible on the command line. */
export function classifySql(sql: string): RiskAssessment {
  const statements = sql.split(';').map((statement) => statement.trim()).filter(Boolean);
  if (!statements.length) return assess('read', 'no SQL');
  return combine(
    statements.map((statement) => {
      const upper = statement.toUpperCase().replace(/\s+/g, ' ');
      if (/^\.(SHELL|SYSTEM)\b/.test(upper)) return assess('destructive', 'sqlite3 .shell runs a program');
      if (/^DROP (DATABASE|SCHEMA)\b/.test(upper)) return assess('critical', `drops a whole database: ${statement.slice(0, 80)}`);
      if (/^(DROP|TRUNCATE)\b/.test(upper)) return assess('destructive', `${upper.split(' ')[0]} removes tables or all their rows`);
      if (/^DELETE\b/.test(upper)) return assess('destructive', /\bWHERE\b/.test(upper) ? 'DELETE removes rows' : 'DELETE without WHERE removes every row');
      if (/^UPDATE\b/.test(upper)) return assess(/\bWHERE\b/.test(upper) ? 'write' : 'destructive', /\bWHERE\b/.test(upper) ? 'UPDATE changes rows' : 'UPDATE without WHERE changes every row');
      if (/^ALTER\b.*\bDROP\b/.test(upper)) return assess('destructive', 'ALTER … DROP removes columns or constraints');
      if (/^(SELECT|SHOW|EXPLAIN|DESCRIBE|DESC|WITH|VALUES|\\[DLZ]|\\D)/.test(upper) && !/\bINTO\b/.test(upper)) return assess('read', 'reads data');
      if (/^GRANT ALL\b|^GRANT .*\bSUPERUSER\b/.test(upper)) return assess('destructive', 'GRANT ALL hands out every privilege');
      if (/^(REVOKE|DROP|FLUSH|SHUTDOWN|RESET)\b/.test(upper)) return assess('destructive', upper.split(' ')[0]!);
      return assess('write', `${upper.split(' ')[0]} changes data or schema`);
    }),
  );
}

function sqlClient(flags: string[]): Table[string] {
  return (args, name) => {
    const sql = optionValue(args, ...flags);
    if (sql !== null) return classifySql(sql);
    if (args.some((arg) => arg?.startsWith('-f') || arg === '--file')) return assess('write', `${name} runs a SQL file`);
    return assess('write', `${name} opens a database session`);
  };
}

const redisDestructive = /^(FLUSHALL|FLUSHDB|DEL|UNLINK|EXPIRE|PEXPIRE|GETDEL|SHUTDOWN|CONFIG|SLAVEOF|REPLICAOF|DEBUG|MIGRATE|RENAME|SWAPDB|FAILOVER|CLUSTER|MODULE|SCRIPT|FUNCTION|ACL)$/;
const redisRead = /^(GET|MGET|KEYS|SCAN|INFO|PING|TTL|PTTL|TYPE|EXISTS|STRLEN|HGET|HGETALL|HKEYS|HLEN|LRANGE|LLEN|SMEMBERS|SCARD|ZRANGE|ZCARD|DBSIZE|MONITOR|CLIENT|SLOWLOG|MEMORY|LATENCY|TIME|ECHO|XRANGE|XLEN|OBJECT)$/;

export const databaseCommands: Table = {
  psql: sqlClient(['-c', '--command']),
  mysql: sqlClient(['-e', '--execute']),
  mariadb: sqlClient(['-e', '--execute']),
  'clickhouse-client': sqlClient(['-q', '--query']),
  cqlsh: sqlClient(['-e', '--execute']),
  sqlcmd: sqlClient(['-Q', '-q']),
  sqlite3: (args) => {
    const [, sql] = positionals(args);
    return sql ? classifySql(sql) : assess('write', 'sqlite3 opens a database session');
  },
  'redis-cli': (args) => {
    // Options such as -h host -p port -a password -n db come first; the command follows.
    const words: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const arg = args[i] ?? '';
      if (/^-(h|p|a|n|u|s|c|r|i|-user|-pass|-tls|-cacert)$/.test(arg)) i += /^-(c|-tls)$/.test(arg) ? 0 : 1;
      else if (!arg.startsWith('-')) words.push(arg);
    }
    const command = (words[0] ?? '').toUpperCase();
    if (!command) return assess('write', 'redis-cli opens a session');
    if (command === 'FLUSHALL' || command === 'SHUTDOWN') return assess('critical', `redis ${command}`);
    if (redisDestructive.test(command)) return assess('destructive', `redis ${command}`);
    if (redisRead.test(command)) return assess('read', `redis ${command}`);
    return assess('write', `redis ${command}`);
  },
  mongosh: (args) => {
    const code = optionValue(args, '--eval') ?? '';
    if (/drop(Database)?\(|deleteMany|remove\(|deleteOne|dropIndex/.test(code)) return assess('destructive', 'mongosh drops or deletes data');
    if (/\b(find|count|getCollectionNames|stats|show|aggregate)\b/.test(code) && !/insert|update|replace/.test(code)) return assess('read', 'mongosh reads data');
    return assess('write', 'mongosh runs code against a database');
  },
  mongo: (args) => databaseCommands.mongosh!(args, 'mongo'),
  dropdb: () => assess('critical', 'dropdb removes a whole database'),
  pg_dump: () => assess('read', 'pg_dump reads a database'),
  pg_restore: (args) => (args.some((arg) => /^(-c|--clean)$/.test(arg ?? '')) ? assess('destructive', 'pg_restore --clean drops objects first') : assess('write', 'pg_restore loads data')),
  mysqldump: () => assess('read', 'mysqldump reads a database'),
};
