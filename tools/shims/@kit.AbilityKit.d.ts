/** The part of @kit.AbilityKit that exists on the host. */
import common from '@ohos.app.ability.common';

type Context = common.Context;

export { common, Context };
