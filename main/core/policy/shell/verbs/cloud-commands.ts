import { assess, type RiskAssessment } from '../../risk';
import { type Args, hasFlag } from '../command-args';
import type { Table } from './classifier';

/** Verbs that destroy or only look, as they appear in subcommands (`terminate-instances`, `env:unset`, `kv get`). */
const destroyingWords = /^(deletes?|\w*delete|destroy|removes?|rm|rmi|rb|del|purge|drop|wipe|erase|terminate|truncate|flush|prune|uninstall|unpublish|kill|reset|revoke|deregister|unregister|zap|nuke|shred|forget|expire|evict|disable|detach|release|cancel|abort|rollback|unset|stop|break|clear|rotate|deactivate|suspend|shutdown|quit|scale-to-zero|unsubscribe|dedupe|compact|move|invalidate|invalidation|overwrite|deletefile|deleteall|purgeall)$/;
const lookingWords = /^(list|ls|get|describe|show|status|view|info|inspect|version|help|cat|logs?|search|whoami|check|diff|plan|validate|lint|top|ps|read|query|find|head|stat|tail|preview|audit|history|outputs?|print|dump|lookup|tree|can-i|explain|verify|test|watch|export)$/;

/** The verb a subcommand word stands for: `terminate-instances` → terminate, `env:unset` → unset. */
const verbOf = (word: string): string => (word.split(':').pop() ?? word).split(/[-_]/)[0]!.toLowerCase();

/**
 * For CLIs shaped `TOOL [group…] VERB [args]` (cloud, PaaS, backup and secret tools): the first
 * subcommand word that is a known verb decides. Deleting flags make any verb destructive.
 */
export function verbScan(args: Args, name: string): RiskAssessment {
  // Subcommand words, past global options and their values (`aws --profile prod s3 rm`).
  const leading: string[] = [];
  for (let i = 0; i < args.length && leading.length < 4; i++) {
    const arg = args[i];
    if (arg === null || arg === undefined) break;
    if (arg.startsWith('-')) {
      const next = args[i + 1] ?? '-';
      const nextIsVerb = destroyingWords.test(verbOf(next)) || lookingWords.test(verbOf(next));
      if (!arg.includes('=') && /^[^-]/.test(next) && !nextIsVerb && args.slice(i + 2).some((later) => later !== null && !later.startsWith('-'))) i++;
      continue;
    }
    if (/[/=@]/.test(arg)) break;
    leading.push(arg);
  }
  const label = `${name} ${leading.join(' ')}`.trim();
  if (hasFlag(args, '', '--delete', '--delete-before', '--delete-during', '--delete-after', '--delete-excluded', '--force-delete', '--purge', '--prune', '--remove') || args.some((arg) => arg !== null && /^--(delete|remove|purge|drop|destroy)-/.test(arg))) {
    return assess('destructive', `${label} deletes data at the destination`);
  }
  // rclone/gsutil/azcopy sync makes the destination match the source: files only there are deleted.
  if (/^(rclone|gsutil|azcopy|s3cmd|mc)$/.test(name) && !hasFlag(args, 'n', '--dry-run') && leading.some((word) => /^(sync|rsync|mirror)$/.test(word))) return assess('destructive', `${label} deletes files at the destination that the source lacks`);
  for (const word of leading) {
    const verb = verbOf(word);
    const whole = word.toLowerCase();
    // `repo-delete`, `kafka-delete-records`: a destroying part anywhere, unless the word starts by looking (`list-deleted`).
    const parts = whole.split(/[-_:.]/);
    if (destroyingWords.test(verb) || destroyingWords.test(whole) || (!lookingWords.test(verb) && parts.some((part) => destroyingWords.test(part))) || /^(update|put)-secret/.test(whole)) {
      const everything = hasFlag(args, 'r', '--recursive', '--all', '--force');
      return assess('destructive', `${label}: ${verb} ${everything ? 'recursively or everything' : 'data or resources'}`);
    }
    if (lookingWords.test(verb) || lookingWords.test(whole)) return assess('read', label);
  }
  return assess('write', label);
}

const cloudClis = `aws gcloud gsutil az doctl linode-cli hcloud scw oci ibmcloud s3cmd azcopy mc rclone restic borg heroku vercel netlify fly flyctl
  wrangler firebase supabase railway render doppler vault consul nomad op fastly nats kafka-topics kafka-configs rabbitmqctl
  rabbitmqadmin apigeecli unleash serverless sls sam cdk copilot eb cf ibm kn tkn argocd flux istioctl linkerd virsh vagrant packer
  gcloud-alpha bq cbt datadog-ci sentry-cli stripe twilio gpg pass etcdctl`.split(/\s+/);

export const cloudCommands: Table = Object.fromEntries(cloudClis.map((name) => [name, verbScan]));
