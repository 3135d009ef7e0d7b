import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { PlanChangeView } from '../../../../preload/contract';
import { planFixture } from './terraform-plan.fixture';
import { PlanChangeRow, TerraformPlanPreview } from './TerraformPlanPreview';

// The preview as markup (React's server renderer, no DOM needed): what a reviewer sees collapsed,
// and one row expanded to its attribute diff. Clicking and keys are exercised in Chromium by
// e2e/bench/terraform-plan-render.bench.ts.

/** The text inside the element with this data-testid (its tags stripped). */
function textOf(html: string, testId: string): string {
  const start = html.indexOf(`data-testid="${testId}"`);
  if (start < 0) throw new Error(`no element ${testId} in the markup`);
  const open = html.lastIndexOf('<', start);
  const tag = /^<(\w+)/.exec(html.slice(open))![1]!;
  let depth = 0;
  const pattern = new RegExp(`<(/?)${tag}\\b[^>]*>`, 'g');
  pattern.lastIndex = open;
  for (let match = pattern.exec(html); match; match = pattern.exec(html)) {
    depth += match[1] ? -1 : 1;
    if (depth === 0) return html.slice(open, match.index + match[0].length).replace(/<[^>]+>/g, '').replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  }
  throw new Error(`${testId} is not closed`);
}

const attributeRows = (html: string) => [...html.matchAll(/data-testid="tf-plan-attr" data-path="([^"]+)"/g)].map((match) => match[1]);
const row = (change: PlanChangeView, expanded: boolean) => renderToStaticMarkup(<PlanChangeRow change={change} section="change" rowKey={change.address} expanded={expanded} onToggle={() => {}} />);

describe('TerraformPlanPreview', () => {
  const html = renderToStaticMarkup(<TerraformPlanPreview preview={planFixture} />);

  it('puts the counts at the top', () => {
    expect(textOf(html, 'tf-plan-counts')).toBe('+3 to create, ~1 to update, -/+1 to replace, -2 to destroy, <=1 to read');
    expect(html.indexOf('tf-plan-counts')).toBeLessThan(html.indexOf('tf-plan-change-'));
  });

  it('lists every change by module, root first, each with its action and symbol', () => {
    const listed = [...html.matchAll(/data-testid="tf-plan-change-([^"]+)" data-action="(\w+)"/g)].map((match) => `${match[2]} ${match[1]}`);
    expect(listed).toEqual([
      'create random_pet.name',
      'create random_password.db',
      'replace tls_private_key.ca',
      'update local_file.motd',
      'delete module.network.null_resource.old',
      'delete module.network.terraform_data.legacy',
      'read module.network.data.local_file.cidr',
      'create module.network.random_pet.subnet',
    ]);
    expect(textOf(html, 'tf-plan-change-tls_private_key.ca')).toBe('-/+tls_private_key.ca will be replacedforces replacement: algorithm');
    expect(textOf(html, 'tf-plan-change-module.network.data.local_file.cidr')).toBe('<=data.local_file.cidr will be read');
    expect(html.indexOf('aria-label="Root module"')).toBeLessThan(html.indexOf('aria-label="module.network"'));
  });

  it('renders no attributes until a row is expanded, and terraform\'s text only on request', () => {
    expect(attributeRows(html)).toEqual([]);
    expect(html).not.toContain('data-testid="tf-plan-raw"');
    expect(textOf(html, 'tf-plan-raw-toggle')).toBe("Show terraform's text");
    expect(html).toContain('aria-expanded="false"');
  });

  it('expanded, a replace shows its attribute diff with the forcing attribute marked and the sensitive one masked', () => {
    const replace = planFixture.changes[2]!;
    const expanded = row(replace, true);
    expect(attributeRows(expanded)).toEqual(['algorithm', 'id', 'private_key_pem']);
    expect(textOf(expanded, 'tf-plan-change-tls_private_key.ca')).toContain('algorithm # forces replacement"RSA" →becomes "ECDSA"');
    expect(expanded).toContain('data-path="algorithm" data-forces="true"');
    expect(expanded).not.toMatch(/data-path="id" data-forces/);
    expect(expanded).toContain('(known after apply)');
    expect(textOf(expanded, 'tf-plan-change-tls_private_key.ca')).toMatch(/private_key_pem\(sensitive\)/);
    expect(expanded).toContain('aria-expanded="true"');
    expect(attributeRows(row(replace, false))).toEqual([]);
  });

  it('never shows a sensitive value, even one main should not have sent', () => {
    const leaked = { ...planFixture.changes[1]!, attributes: [{ path: 'result', before: 'old-hunter2', after: 'new-hunter2', sensitive: true, forcesReplacement: false }] };
    const expanded = row(leaked, true);
    expect(expanded).toContain('(sensitive)');
    expect(expanded).not.toContain('hunter2');
  });

  it('shows drift in its own section when there is some, and none when there is none', () => {
    expect(textOf(html, 'tf-plan-drift')).toContain('Changed outside Terraform since the last apply (1)');
    expect(textOf(html, 'tf-plan-drift-local_file.motd')).toBe('~local_file.motd changed outside Terraform');
    expect(html.indexOf('tf-plan-drift')).toBeLessThan(html.indexOf('tf-plan-change-'));
    const noDrift = renderToStaticMarkup(<TerraformPlanPreview preview={{ ...planFixture, drift: [] }} />);
    expect(noDrift).not.toContain('tf-plan-drift');
  });

  it('paints a long plan\'s first hundred rows at once and says the rest are coming', () => {
    const changes = Array.from({ length: 250 }, (_, index) => ({ ...planFixture.changes[0]!, address: `random_pet.p${index}`, name: `p${index}` }));
    const first = renderToStaticMarkup(<TerraformPlanPreview preview={{ ...planFixture, changes, drift: [] }} />);
    expect(first.match(/data-testid="tf-plan-change-/g)).toHaveLength(100);
    expect(first).toContain('data-rendered="100" data-complete="false"');
    expect(textOf(first, 'tf-plan-counts')).toBe('+3 to create, ~1 to update, -/+1 to replace, -2 to destroy, <=1 to read');
    expect(first).toContain('Showing 100 of 250 changes…');
    expect(first).toContain('Root module <span class="muted">(250)</span>');
    expect(html).toContain('data-complete="true"');
  });

  it('shows a forgotten resource with its own symbol, its count, and in words that the real object stays', () => {
    const forgotten: PlanChangeView = { address: 'local_file.note', module: null, type: 'local_file', name: 'note', action: 'forget', replaceBecause: [], attributes: [] };
    const preview = { ...planFixture, counts: { ...planFixture.counts, forget: 1 }, changes: [...planFixture.changes, forgotten] };
    const markup = renderToStaticMarkup(<TerraformPlanPreview preview={preview} />);
    expect(textOf(markup, 'tf-plan-counts')).toBe('+3 to create, ~1 to update, -/+1 to replace, -2 to destroy, ->1 to forget, <=1 to read');
    expect(markup).toContain('data-action="forget" data-count="1"');
    expect(markup).toContain('data-testid="tf-plan-change-local_file.note" data-action="forget"');
    expect(textOf(markup, 'tf-plan-change-local_file.note')).toBe('->local_file.note will be removed from the state, not destroyedthe real object stays as it is; Terraform stops managing it');
    expect(textOf(row(forgotten, true), 'tf-plan-change-local_file.note')).toContain('Nothing changes on the real object: only the state lets go of it.');
    // Without forgets the counts line has no forget part.
    expect(textOf(html, 'tf-plan-counts')).not.toContain('forget');
  });

  it('says so when the plan changes nothing', () => {
    const empty = renderToStaticMarkup(<TerraformPlanPreview preview={{ ...planFixture, counts: { create: 0, update: 0, replace: 0, delete: 0, read: 0, forget: 0 }, changes: [], drift: [] }} />);
    expect(textOf(empty, 'tf-plan-no-changes')).toMatch(/No changes/);
    expect(textOf(empty, 'tf-plan-counts')).toBe('+0 to create, ~0 to update, -/+0 to replace, -0 to destroy');
  });
});
