import { type DriftRecord } from './terraform-drift-record';
import { instanceAddress, type StateFile } from './terraform-state-snapshot';

// The rows of the Resources view's Terraform table, from a raw state (`terraform state pull`) and
// the last drift check: each resource instance with its id, and what the check found about it
// while the check is of this very state. Nothing else of the raw state leaves this file: its
// attributes may hold secrets.

type Step = { readonly type?: string; readonly value?: unknown };
interface RawInstance {
  readonly index_key?: string | number;
  readonly attributes?: Readonly<Record<string, unknown>>;
  readonly sensitive_attributes?: readonly (readonly Step[])[];
}
export interface RawState extends StateFile {
  readonly resources?: readonly { readonly module?: string; readonly mode: string; readonly type: string; readonly name: string; readonly provider?: string; readonly instances?: readonly RawInstance[] }[];
}

export type DriftStatus = 'in sync' | 'drifted' | 'deleted' | 'not checked';

export interface StateResourceRow {
  readonly address: string;
  readonly module: string | null;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly provider: string;
  /** The instance's id attribute, unless the provider marks it sensitive. */
  readonly id: string | null;
  readonly drift: DriftStatus;
  /** Attribute paths changed outside Terraform, when it drifted. */
  readonly driftedAttributes: readonly string[];
}

export interface LastDriftCheck {
  readonly checkedAt: string;
  readonly drifted: number;
  /** False when the state changed since the check (an apply, a state mv/rm): its findings are about an older state. */
  readonly current: boolean;
}

/** `registry.terraform.io/hashicorp/local` of `provider["registry.terraform.io/hashicorp/local"]`, shown as hashicorp/local. */
const providerName = (provider: string | undefined): string => /"(?:registry\.terraform\.io\/)?([^"]+)"/.exec(provider ?? '')?.[1] ?? provider ?? '';

const idIsSensitive = (instance: RawInstance): boolean => (instance.sensitive_attributes ?? []).some((path) => path[0]?.type === 'get_attr' && path[0]?.value === 'id');

/** Whether a check still describes the state: made on the same lineage at the same serial. */
export function checkIsCurrent(record: DriftRecord, state: RawState): boolean {
  return record.lineage === (state.lineage ?? null) && record.serial === (state.serial ?? null);
}

export function stateResourceRows(state: RawState, record: DriftRecord | null): { resources: StateResourceRow[]; lastCheck: LastDriftCheck | null } {
  const current = record ? checkIsCurrent(record, state) : false;
  const found = new Map((current ? record!.drifted : []).map((entry) => [entry.address, entry]));
  const resources = (state.resources ?? []).flatMap((resource) =>
    (resource.instances ?? [{}]).map((instance): StateResourceRow => {
      const managed = resource.mode === 'managed';
      const address = instanceAddress(resource, instance);
      const id = instance.attributes?.id;
      const drifted = found.get(address);
      const drift: DriftStatus = !current || !managed ? 'not checked' : !drifted ? 'in sync' : drifted.action === 'delete' ? 'deleted' : 'drifted';
      return {
        address,
        module: resource.module ?? null,
        mode: managed ? 'managed' : 'data',
        type: resource.type,
        provider: providerName(resource.provider),
        id: typeof id === 'string' && !idIsSensitive(instance) ? id : null,
        drift,
        // A resource deleted outside Terraform lost every attribute: naming them all says nothing more.
        driftedAttributes: drifted && drifted.action !== 'delete' ? drifted.attributes : [],
      };
    }),
  );
  return { resources, lastCheck: record ? { checkedAt: record.checkedAt, drifted: record.drifted.length, current } : null };
}
