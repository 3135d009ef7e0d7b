import { assess, type RiskAssessment } from '../../risk';
import { type Args, hasFlag, positionals } from '../command-args';
import type { Table } from './classifier';

/** Verbs that destroy, and verbs that only look, as they appear in subcommands (`terminate-instances`, `list`, `kv get`). */
const destroyingVerbs = new Set(
  'delete del destroy remove rm rmi rb purge drop wipe erase terminate truncate flush flushall flushdb prune uninstall kill reset revoke deregister unregister zap nuke shred forget expire evict disable detach release cancel abort rollback'.split(' '),
);
const lookingVerbs = new Set(
  'list ls get describe show status view info inspect version help cat logs log search whoami check diff plan validate lint top ps read export query find head stat tail fetch test preview audit history outputs output print dump env config tree lookup'.split(' '),
);

const words = (args: Args): string[] => positionals(args).flatMap((word) => word.toLowerCase().split(/[-_:.]/));

/**
 * For CLIs of the same shape (`TOOL [group…] VERB [args]`): cloud CLIs, PaaS CLIs, backup tools.
 * A destroying verb anywhere among the subcommand words makes it destructive; a looking verb in front
 * makes it read; anything else writes.
 */
export function verbScan(args: Args, name: string): RiskAssessment {
  const subwords = positionals(args).slice(0, 4).map((word) => word.toLowerCase());
  const tokens = words(args.slice(0, 8));
  const destroyer = tokens.find((token) => destroyingVerbs.has(token));
  if (destroyer || hasFlag(args, '', '--delete', '--delete-before', '--delete-during', '--delete-after', '--force-delete', '--purge', '--prune')) {
    const everything = hasFlag(args, '', '--recursive', '--all', '--force') || /\s-r\b|\s-rf\b/.test(` ${args.join(' ')}`);
    return assess('destructive', `${name} ${subwords.join(' ')}${everything ? ' (recursively or all of them)' : ''}: ${destroyer ?? 'deletes'} data or resources`.replace(/\s+/g, ' '));
  }
  const verb = subwords.flatMap((word) => word.split(/[-_:]/)).find((token) => lookingVerbs.has(token) || destroyingVerbs.has(token));
  if (verb && lookingVerbs.has(verb)) return assess('read', `${name} ${subwords.join(' ')}`.trim());
  return assess('write', `${name} ${subwords.join(' ')}`.trim());
}

const cloudClis = `aws gcloud gsutil az doctl linode-cli hcloud scw oci ibmcloud s3cmd azcopy mc rclone restic borg heroku vercel netlify fly flyctl
  wrangler firebase supabase railway render doppler vault consul nomad op fastly nats kafka-topics kafka-configs rabbitmqctl
  rabbitmqadmin apigeecli unleash serverless sls sam cdk copilot eb cf ibm kn tkn argocd flux istioctl linkerd virsh vagrant packer
  gcloud-alpha bq cbt datadog-ci sentry-cli stripe twilio gpg pass etcdctl`.split(/\s+/);

export const cloudCommands: Table = Object.fromEntries(cloudClis.map((name) => [name, verbScan]));
