import type { CommandHandlers } from '../dispatch/command-handlers';
import type { PolicyRulesService } from './policy-rules-service';

type PolicyRuleCommand = 'policy.rules.list' | 'policy.rules.add' | 'policy.rules.remove';

/** The contract's policy-rule commands, over the service that journals every change. */
export function policyRuleHandlers(rules: PolicyRulesService): Pick<CommandHandlers, PolicyRuleCommand> {
  return {
    'policy.rules.list': () => ({ rules: rules.list() }),
    'policy.rules.add': (request) => ({ rule: rules.add(request) }),
    'policy.rules.remove': ({ id }) => ({ removed: rules.remove(id) }),
  };
}
