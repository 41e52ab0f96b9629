// Host stand-in for @ohos.app.ability.abilityDelegatorRegistry, backed by tools/hypium's delegator.
import { getTestHost } from './internal/test-host.js';

const AbilityLifecycleState = Object.freeze({
  UNINITIALIZED: 0,
  CREATE: 1,
  FOREGROUND: 2,
  BACKGROUND: 3,
  DESTROY: 4,
});

const abilityDelegatorRegistry = {
  AbilityLifecycleState,
  getAbilityDelegator: () => getTestHost().delegator,
  getArguments: () => getTestHost().args,
};

export default abilityDelegatorRegistry;
