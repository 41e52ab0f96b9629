// Host stand-in for @kit.TestKit: only abilityDelegatorRegistry is provided (no UI testing on the host).
import abilityDelegatorRegistry from './@ohos.app.ability.abilityDelegatorRegistry.js';

export { abilityDelegatorRegistry };
