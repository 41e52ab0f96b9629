// Host stand-in for @kit.AbilityKit: only the `common` context types are provided.
import common from './@ohos.app.ability.common.js';

export { common };
