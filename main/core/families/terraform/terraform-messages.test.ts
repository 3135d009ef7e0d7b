import { describe, expect, it } from 'vitest';
import { jsonLineMessages, terraformError } from './terraform-messages';

// Output as terraform 1.11 prints it.
const STALE_STDERR = `
Error: Saved plan is stale

The given plan file can no longer be applied because the state was changed by
another operation after the plan was created.
`;
const WARNING_THEN_ERROR = `There are some problems with the CLI configuration:
╷
│ Warning: Unable to open CLI configuration file
│
│ The CLI configuration file at "/root/.terraformrc" does not exist.
╵

Error: Unclosed configuration block

  on bad.tf line 1, in resource "x":
   1: resource "x" {

There is no closing brace for this block before the end of the file.
`;
const DIAGNOSTIC_LINE = '{"@level":"error","@message":"Error: local-exec provisioner error","type":"diagnostic","diagnostic":{"severity":"error","summary":"local-exec provisioner error","detail":"Error running command \'exit 3\': exit status 3.","address":"terraform_data.bad","range":{"filename":"main.tf","start":{"line":6,"column":28,"byte":148},"end":{"line":6,"column":29,"byte":149}}}}';

describe('what terraform says went wrong', () => {
  it('reads an error block, skipping warnings, with where it is and why', () => {
    expect(terraformError('', STALE_STDERR)).toBe('Saved plan is stale: The given plan file can no longer be applied because the state was changed by another operation after the plan was created.');
    expect(terraformError('', WARNING_THEN_ERROR)).toBe('Unclosed configuration block: on bad.tf line 1, in resource "x": 1: resource "x" { There is no closing brace for this block before the end of the file.');
  });

  it('prefers the error diagnostics of JSON output, with file and line first', () => {
    expect(terraformError(`{"type":"version","@message":"Terraform 1.11.4"}\n${DIAGNOSTIC_LINE}\n`, 'ignored')).toBe("main.tf:6: local-exec provisioner error: Error running command 'exit 3': exit status 3.");
  });

  it('streams the messages of JSON lines split anywhere across chunks', () => {
    const seen: string[] = [];
    const lines = jsonLineMessages((text) => seen.push(text));
    const text = '{"@message":"Terraform 1.11.4","type":"version"}\n{"@message":"a: Creating...","type":"apply_start"}\n{"@message":"a: Creation complete","type":"apply_complete"}';
    lines.push(text.slice(0, 70));
    lines.push(text.slice(70, 101));
    lines.push(text.slice(101));
    lines.flush();
    expect(seen.join('')).toBe('a: Creating...\na: Creation complete\n');
  });
});
