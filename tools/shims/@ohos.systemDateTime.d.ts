/**
 * Declarations of the part of @ohos.systemDateTime that the host stand-in implements.
 * Every declaration here matches the SDK's, so code that type-checks against these also builds on a device.
 */
declare namespace systemDateTime {
  enum TimeType {
    STARTUP = 0,
    ACTIVE = 1
  }
  function getUptime(timeType: TimeType, isNanoseconds?: boolean): number;
}

export default systemDateTime;
