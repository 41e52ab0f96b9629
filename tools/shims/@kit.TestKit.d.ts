/** The part of @kit.TestKit that exists on the host. */
import abilityDelegatorRegistry from '@ohos.app.ability.abilityDelegatorRegistry';
import TestRunner from '@ohos.application.testRunner';

export { abilityDelegatorRegistry, TestRunner };
