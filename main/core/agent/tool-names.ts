import { createHash } from 'node:crypto';

const WIRE = /^[a-zA-Z0-9_-]{1,64}$/;

/** A short suffix from the name itself, so the same tool gets the same wire name in every session. */
function suffixed(name: string): string {
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 6);
  return `${name.replace(/[^a-zA-Z0-9-]/g, '_').slice(0, 57)}_${hash}`;
}

/**
 * The name a provider sees for one of Reign's (`shell.exec` → `shell_exec`, matching
 * ^[a-zA-Z0-9_-]{1,64}$). Names that could be read back two ways (an underscore beside dots),
 * that are too long or carry other characters get a stable suffix from a hash of the name.
 */
export function wireNameOf(name: string): string {
  if (WIRE.test(name)) return name;
  if (/^[a-zA-Z0-9.-]{1,64}$/.test(name)) return name.replace(/\./g, '_');
  return suffixed(name);
}

/**
 * Reign's tool names mapped to names every provider accepts, and back. A name whose wire name is
 * already taken by another tool gets the hash suffix instead of breaking the session.
 */
export class ToolNameMap {
  private readonly toWire = new Map<string, string>();
  private readonly fromWire = new Map<string, string>();

  constructor(names: readonly string[]) {
    // Names that are wire names already (propose_plan, find_tools, ask_user) keep them; a tool that collides gets the suffix.
    for (const name of [...names.filter((candidate) => WIRE.test(candidate)), ...names.filter((candidate) => !WIRE.test(candidate))]) {
      let wire = wireNameOf(name);
      if (this.fromWire.has(wire) && this.fromWire.get(wire) !== name) wire = suffixed(name);
      if (this.fromWire.has(wire) && this.fromWire.get(wire) !== name) throw new Error(`Tools ${this.fromWire.get(wire)} and ${name} map to the same provider name ${wire}`);
      this.toWire.set(name, wire);
      this.fromWire.set(wire, name);
    }
  }

  /** Also for names of earlier turns that are not offered now (a resumed conversation). */
  wire(name: string): string {
    return this.toWire.get(name) ?? wireNameOf(name);
  }

  /** Reign's name for what a model called, also accepting Reign's own dotted name; null if unknown. */
  reign(wireName: string): string | null {
    return this.fromWire.get(wireName) ?? (this.toWire.has(wireName) ? wireName : null);
  }
}
