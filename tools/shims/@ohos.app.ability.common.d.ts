/**
 * The directory fields of an ability context, the only part of @ohos.app.ability.common the host provides.
 * The SDK's Context has these fields with the same types.
 */
declare class HostContext {
  cacheDir: string;
  tempDir: string;
  filesDir: string;
  databaseDir: string;
  preferencesDir: string;
}

declare namespace common {
  type Context = HostContext;
}

export default common;
