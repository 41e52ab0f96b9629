/**
 * Declarations of the part of @ohos.app.ability.abilityDelegatorRegistry that the host implements.
 * Every declaration here matches the SDK's, so code that type-checks against these also builds on a device.
 */
import { AsyncCallback } from '@ohos.base';
import common from '@ohos.app.ability.common';

interface ShellCmdResult {
  stdResult: string;
  exitCode: number;
}

interface HostAbilityDelegatorArgs {
  bundleName: string;
  parameters: Record<string, string>;
  testCaseNames: string;
  testRunnerClassName: string;
}

interface HostAbilityDelegator {
  getAppContext(): common.Context;
  print(msg: string, callback: AsyncCallback<void>): void;
  print(msg: string): Promise<void>;
  printSync(msg: string): void;
  executeShellCommand(cmd: string, timeoutSecs?: number): Promise<ShellCmdResult>;
  finishTest(msg: string, code: number, callback: AsyncCallback<void>): void;
  finishTest(msg: string, code: number): Promise<void>;
}

declare namespace abilityDelegatorRegistry {
  enum AbilityLifecycleState {
    UNINITIALIZED,
    CREATE,
    FOREGROUND,
    BACKGROUND,
    DESTROY
  }
  type AbilityDelegator = HostAbilityDelegator;
  type AbilityDelegatorArgs = HostAbilityDelegatorArgs;
  function getAbilityDelegator(): AbilityDelegator;
  function getArguments(): AbilityDelegatorArgs;
}

export default abilityDelegatorRegistry;
