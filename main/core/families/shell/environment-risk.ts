import { assess, type RiskAssessment } from '../../policy/risk';
import { injectingVariable } from '../../policy/shell/injecting-variables';

/** The risk of the variables a shell step adds to the environment; plain data variables add none. */
export function environmentRisk(env: Readonly<Record<string, string>> | undefined): RiskAssessment {
  const reasons: string[] = [];
  for (const name of Object.keys(env ?? {})) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !/^BASH_FUNC_.+%%$/.test(name)) {
      reasons.push(`the variable name "${name}" is not a plain name`);
      continue;
    }
    const match = injectingVariable(name);
    if (match) reasons.push(`${name} in the environment ${match.why}`);
  }
  return reasons.length ? assess('destructive', ...reasons) : assess('read', 'the environment only adds data');
}
