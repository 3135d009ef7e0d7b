/**
 * Reign's tool names (`shell.exec`) mapped to names every provider accepts (`shell_exec`,
 * matching ^[a-zA-Z0-9_-]{1,64}$), and back. Built from the tool list, so collisions are caught.
 */
export class ToolNameMap {
  private readonly toWire = new Map<string, string>();
  private readonly fromWire = new Map<string, string>();

  constructor(names: readonly string[]) {
    for (const name of names) {
      const wire = name.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64);
      if (this.fromWire.has(wire)) throw new Error(`Tools ${this.fromWire.get(wire)} and ${name} map to the same provider name ${wire}`);
      this.toWire.set(name, wire);
      this.fromWire.set(wire, name);
    }
  }

  wire(name: string): string {
    return this.toWire.get(name) ?? name;
  }

  /** Reign's name for what a model called, also accepting Reign's own dotted name; null if unknown. */
  reign(wireName: string): string | null {
    return this.fromWire.get(wireName) ?? (this.toWire.has(wireName) ? wireName : null);
  }
}
